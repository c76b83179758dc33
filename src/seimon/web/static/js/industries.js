// Plan industries: value added, real growth and share of above-scale value added by plan industry for the
// latest period with data, and each industry's sub-fields with their SEI 2018 codes.
import {
  api, el, fill, latestPeriod, localized, messageRow, paren, periodLabel, scaled, scaleFor, showError, t,
  unitLabel,
} from "./common.js";
import { barChart } from "./charts.js";

const tbody = document.querySelector("#industries-table tbody");
const INDICATORS = [...document.querySelectorAll("#industries-table thead [data-indicator]")].map((n) => n.dataset.indicator);

async function load() {
  let industries;
  let series;
  try {
    [industries, ...series] = await Promise.all([
      api("/api/v1/plan/industries"),
      ...INDICATORS.map((id) => api("/api/v1/indicators/" + id, { params: { region: "130000", by: "plan_industry" } })),
    ]);
  } catch (err) {
    showError(tbody, err);
    return;
  }
  subfields(industries);
  const period = latestPeriod(series[0]);
  if (!period) {
    messageRow(tbody, t("overview.no_data"));
    return;
  }
  document.getElementById("industries-period").textContent = paren(periodLabel(period));
  const byIndustry = INDICATORS.map((id, i) => {
    const rows = series[i].filter((r) => r.period === period);
    return { id, rows: new Map(rows.map((r) => [r.plan_industry, r])), unit: rows.length ? rows[0].unit : "" };
  });
  const scales = byIndustry.map((s) => scaleFor(s.unit, [...s.rows.values()].map((r) => r.value)));
  const head = document.querySelectorAll("#industries-table thead [data-indicator]");
  head.forEach((th, i) => {
    th.append(el("span", { class: "sub" }, unitLabel(scales[i].unit)));
  });
  fill(
    tbody,
    industries.map((ind) =>
      el(
        "tr",
        { dataset: { industry: ind.id } },
        el("td", null, ind.number + ". " + localized(ind, "name"), el("span", { class: "sub" }, t("industries.sei_codes", { codes: (ind.sei_codes || []).join("、") || "—" }))),
        byIndustry.map((s, i) => {
          const row = s.rows.get(ind.id);
          if (!row) return el("td", { class: "num muted" }, "—");
          if (row.suppressed) return el("td", { class: "num muted", title: t("common.suppressed") }, "×");
          return el("td", { class: "num", dataset: { value: String(row.value) } }, scaled(row.value, scales[i]));
        }),
      ),
    ),
  );
  const va = byIndustry[0];
  barChart(
    document.getElementById("industries-chart"),
    industries.filter((ind) => va.rows.has(ind.id)).map((ind) => ({ name: localized(ind, "name"), value: va.rows.get(ind.id).value === null ? null : va.rows.get(ind.id).value * scales[0].factor })),
    scales[0].unit,
  );
}

function subfields(industries) {
  fill(
    document.getElementById("subfields"),
    industries.map((ind) =>
      el(
        "div",
        { class: "card" },
        el("h3", null, ind.number + ". " + localized(ind, "name")),
        ind.subfields && ind.subfields.length
          ? el("ol", { class: "target-list" }, ind.subfields.map((s) => el("li", null, localized(s, "name"), el("span", { class: "sub" }, t("industries.sei_codes", { codes: (s.sei_codes || []).join("、") || t("industries.not_sei") })))))
          : el("p", { class: "muted small" }, t("industries.no_subfields")),
        localized(ind, "note") ? el("p", { class: "muted small" }, localized(ind, "note")) : "",
      ),
    ),
  );
}

load();
