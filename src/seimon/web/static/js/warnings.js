// Warnings: every early warning as of the chosen date, most severe first; filter by severity.
import { api, badge, el, fill, localized, messageRow, pageData, periodLabel, showError, t } from "./common.js";

const data = pageData();
const tbody = document.querySelector("#warnings-table tbody");
const select = document.getElementById("severity");
let rows = [];

function ruleLabel(w) {
  const key = "rule." + w.rule_type;
  const text = t(key);
  return text === key ? w.rule_id : text;
}

function render() {
  const wanted = select.value;
  const shown = rows.filter((w) => !wanted || w.severity === wanted);
  if (!shown.length) return messageRow(tbody, t("warnings.none"));
  fill(
    tbody,
    shown.map((w) =>
      el(
        "tr",
        { dataset: { severity: w.severity, rule: w.rule_id } },
        el("td", null, badge("severity", w.severity), w.internal ? el("span", { class: "sub" }, t("warnings.internal")) : ""),
        el("td", null, w.region_name || w.region || "—", w.industry ? el("span", { class: "sub" }, w.industry) : ""),
        el("td", null, w.period ? periodLabel(w.period) : "—"),
        el("td", null, ruleLabel(w)),
        el("td", null, localized(w, "message")),
      ),
    ),
  );
}

async function load() {
  try {
    rows = await api("/api/v1/warnings", { params: { as_of: data.asOf } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  const counts = new Map();
  for (const w of rows) counts.set(w.severity, (counts.get(w.severity) || 0) + 1);
  fill(
    document.getElementById("severity-counts"),
    ["critical", "warning", "info"].map((s) => el("li", null, badge("severity", s), el("span", { class: "count" }, String(counts.get(s) || 0)))),
  );
  render();
}

select.addEventListener("change", render);
load();
