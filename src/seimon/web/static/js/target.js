// One target: the trend with the target line and the forecast interval, the method step by step, the
// observations used (with source and vintage) and those set aside with reasons, and the plan's sentence.
import {
  api, bilingual, el, fill, fmtNumber, fmtShare, localized, messageRow, pageData, paren, periodLabel,
  showError, statusBadge, t, targetText, unitLabel,
} from "./common.js";
import { showBreakdown } from "./breakdown.js";
import { trendChart } from "./charts.js";

const data = pageData();

function facts(d) {
  const unit = unitLabel(d.unit);
  const withUnit = (v) => (v === null || v === undefined ? "—" : fmtNumber(v, 3) + (unit === "%" ? "%" : " " + unit));
  const f = d.forecast || {};
  const rows = [
    [t("targets.status"), statusBadge(d.status, localized(d, "status"))],
    [t("targets.goal"), targetText(d) + paren(t("targets.by", { year: d.deadline }))],
    [t("target.baseline"), d.baseline_value === null ? "—" : withUnit(d.baseline_value) + paren(periodLabel(d.baseline_period))],
    [t("targets.latest"), d.latest_value === null ? "—" : withUnit(d.latest_value) + paren(periodLabel(d.latest_period))],
    [t("target.progress_share"), fmtShare(d.progress_share)],
    [t("target.time_share"), fmtShare(d.time_share)],
    [t("target.ratio"), d.ratio === null || d.ratio === undefined ? "—" : fmtNumber(d.ratio, 3)],
    [t("targets.forecast"), f.status === "ok" ? withUnit(f.value) + " [" + fmtNumber(f.lower, 2) + " – " + fmtNumber(f.upper, 2) + "]" : t("targets.no_forecast")],
    [t("target.probability"), d.probability_meet === null || d.probability_meet === undefined ? "—" : fmtShare(d.probability_meet, 0)],
    [t("assess.method"), t("method." + d.method)],
    [t("assess.as_of"), d.as_of],
  ];
  fill(document.getElementById("target-facts"), rows.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, v)]));
}

function list(id, items, map = (x) => x) {
  const node = document.getElementById(id);
  fill(node, items.length ? items.map((x) => el("li", null, map(x))) : [el("li", { class: "muted" }, t("common.none"))]);
}

function observationsUsed(rows) {
  const tbody = document.querySelector("#observations-used tbody");
  if (!rows.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    rows.map((o) =>
      el(
        "tr",
        { dataset: { period: o.period } },
        el("td", null, periodLabel(o.period), o.proxy ? el("span", { class: "sub" }, t("obs.proxy")) : ""),
        el("td", { class: "num" }, fmtNumber(o.value, 4)),
        el("td", null, unitLabel(o.unit)),
        el("td", null, o.source || (o.origin === "indicator" ? t("obs.from_indicators") : "—")),
        el("td", null, o.published || "—", o.is_current === false ? el("span", { class: "sub" }, t("obs.not_current")) : ""),
        el("td", null, o.reliability || "—"),
        el("td", null, o.batch_id === null || o.batch_id === undefined ? "—" : "#" + o.batch_id + (o.row_number ? " · " + t("obs.row", { row: o.row_number }) : "")),
        el("td", null, bilingual(o.role), o.in_forecast ? el("span", { class: "sub" }, t("obs.in_forecast")) : ""),
      ),
    ),
  );
}

function observationsSetAside(rows) {
  const tbody = document.querySelector("#observations-set-aside tbody");
  if (!rows.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    rows.map((o) =>
      el(
        "tr",
        { dataset: { period: o.period } },
        el("td", null, periodLabel(o.period)),
        el("td", { class: "num" }, fmtNumber(o.value, 4)),
        el("td", null, unitLabel(o.unit)),
        el("td", null, o.source || "—"),
        el("td", null, o.published || "—"),
        el("td", null, o.batch_id === null || o.batch_id === undefined ? "—" : "#" + o.batch_id + (o.row_number ? " · " + t("obs.row", { row: o.row_number }) : "")),
        el("td", null, bilingual(o.reason)),
      ),
    ),
  );
}

function forecast(d) {
  const f = d.forecast || {};
  const summary = document.getElementById("forecast-summary");
  if (f.status === "ok") {
    summary.textContent = t("target.forecast_text", {
      method: t("forecast." + f.method),
      value: fmtNumber(f.value, 2),
      lower: fmtNumber(f.lower, 2),
      upper: fmtNumber(f.upper, 2),
      level: Math.round((f.level || 0.8) * 100),
      unit: unitLabel(d.unit),
      n: f.n_points,
    });
  } else {
    summary.textContent = t("targets.no_forecast");
  }
  const tbody = document.querySelector("#candidates tbody");
  const candidates = d.forecast_candidates || [];
  if (!candidates.length) messageRow(tbody, t("common.none"));
  else
    fill(
      tbody,
      candidates.map((c) =>
        el("tr", { dataset: { method: c.method } }, el("td", null, t("forecast." + c.method)), el("td", { class: "num" }, fmtNumber(c.backtest_error, 4)), el("td", null, c.metric || "—"), el("td", null, c.chosen ? "✓" : "")),
      ),
    );
  list("forecast-reasons", f.reasons || [], bilingual);
}

async function load() {
  let d;
  try {
    d = await api("/api/v1/targets/" + encodeURIComponent(data.targetId), { params: { as_of: data.asOf, method: data.method } });
  } catch (err) {
    const facts = document.getElementById("target-facts");
    fill(facts, el("dt", null, t("common.error")), el("dd", { class: "form-error" }, err.message));
    return;
  }
  facts(d);
  const chartNode = document.getElementById("trend-chart");
  if (d.points && d.points.length) trendChart(chartNode, d);
  else fill(chartNode, el("p", { class: "muted pad" }, t("target.no_points")));
  document.getElementById("plan-sentence").textContent = d.sentence || "—";
  document.getElementById("plan-section").textContent = t("target.section", { section: d.section || "—" });
  document.getElementById("method-source").textContent = bilingual(d.source_description || "");
  list("formulas", d.formulas || []);
  list("thresholds", d.thresholds || []);
  list("reasons", d.reasons || [], bilingual);
  forecast(d);
  observationsUsed(d.observations_used || []);
  observationsSetAside(d.observations_set_aside || []);
}

load().catch((err) => showError(document.getElementById("target-facts"), err));
showBreakdown(data.targetId);
