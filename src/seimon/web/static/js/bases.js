// Bases: the 5 national bases in detail (regions, focus fields, targets with status, the plan's words) and the
// 30 provincial slots the plan describes by functional zone and focus field without naming them.
import {
  api, el, fill, fmtValue, latestPeriod, localized, messageRow, paren, periodLabel, showError, t,
} from "./common.js";
import { regionNames, targetList, targetRows } from "./planlinks.js";

const FIGURES = ["sei_va", "sei_va_real_growth", "sei_revenue"];

/** base id → [{indicator, row}] for the latest period with value added (empty when the figures cannot be read). */
async function baseFigures() {
  try {
    const series = await Promise.all(FIGURES.map((id) => api("/api/v1/indicators/" + id, { params: { by: "base" } })));
    const period = latestPeriod(series[0]);
    const found = new Map();
    FIGURES.forEach((id, i) => {
      for (const row of series[i]) {
        if (row.period !== period) continue;
        if (!found.has(row.base)) found.set(row.base, []);
        found.get(row.base).push({ indicator: id, row });
      }
    });
    return found;
  } catch {
    return new Map();
  }
}

function figureFacts(figures) {
  return (figures || []).flatMap(({ indicator, row }) => [
    el("dt", null, t("indicator." + indicator) + paren(periodLabel(row.period))),
    el("dd", { dataset: { indicator } }, row.suppressed ? t("common.suppressed") : fmtValue(row.value, row.unit)),
  ]);
}

async function load() {
  const national = document.getElementById("national-bases");
  const tbody = document.querySelector("#provincial-bases tbody");
  let bases, plan, names, targets, figures;
  try {
    [bases, plan, names, targets, figures] = await Promise.all([
      api("/api/v1/plan/bases"),
      api("/api/v1/plan"),
      regionNames(),
      targetRows(),
      baseFigures(),
    ]);
  } catch (err) {
    national.replaceChildren(el("p", { class: "form-error" }, err.message));
    showError(tbody, err);
    return;
  }
  const zones = new Map((plan.zones || []).map((z) => [z.id, z]));
  const industries = new Map((plan.industries || []).map((i) => [i.id, i]));
  const regionText = (codes) => (codes || []).map((c) => names.get(c) || c).join("、") || "—";
  fill(
    national,
    bases
      .filter((b) => b.level === "national")
      .map((b) =>
        el(
          "article",
          { class: "card base-card", dataset: { base: b.id } },
          el("h3", null, el("a", { href: "/bases/" + encodeURIComponent(b.id), dataset: { profile: b.id } }, localized(b, "name"))),
          el("dl", { class: "facts" },
            el("dt", null, t("bases.regions")), el("dd", null, regionText(b.regions)),
            el("dt", null, t("bases.focus")), el("dd", null, el("ul", { class: "tags" }, (b.focus_zh || []).map((f) => el("li", null, f)))),
            el("dt", null, t("bases.industries")), el("dd", null, (b.industries || []).map((i) => localized(industries.get(i), "name") || i).join("、") || "—"),
            el("dt", null, t("bases.source")), el("dd", null, (b.source && b.source.section) || "—"),
            figureFacts(figures.get(b.id)),
          ),
          el("h4", null, t("bases.targets")),
          targetList(b.targets, targets),
          b.sentence ? el("blockquote", { class: "plan-sentence small" }, b.sentence) : "",
        ),
      ),
  );
  const slots = bases.filter((b) => b.level !== "national");
  if (!slots.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    slots.map((b, i) =>
      el(
        "tr",
        { dataset: { base: b.id } },
        el("td", null, el("a", { href: "/bases/" + encodeURIComponent(b.id), dataset: { profile: b.id } }, localized(b, "name") || t("bases.slot_n", { n: i + 1 }))),
        el("td", null, b.zone ? localized(zones.get(b.zone), "name") || b.zone : t("bases.unallocated")),
        el("td", null, regionText(b.regions)),
        el("td", null, (b.focus_zh || []).join("、") || "—"),
        el("td", { class: "small" }, localized(b, "note") || ""),
      ),
    ),
  );
}

load();
