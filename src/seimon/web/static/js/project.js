// One project: its plan, its progress over time (completed investment against the total, every report known
// by the date, superseded vintages greyed), and for the roles that may edit, the progress and edit forms.
import { LANG, api, el, fill, fmtNumber, fmtShare, messageRow, pageData, periodLabel, showError, t } from "./common.js";
import { makeChart } from "./charts.js";
import { fillProjectForm, wireProjectForm } from "./projectform.js";

const data = pageData();
const body = document.querySelector("#history-table tbody");

function facts(p) {
  const pairs = [
    [t("tracking.department"), p.department],
    [t("project.region"), p.region],
    [t("tracking.industry"), p.subfield || p.industry],
    [t("tracking.base"), p.base || "—"],
    [t("tracking.planned"), fmtNumber(p.planned_investment, 0)],
    [t("tracking.done"), fmtNumber(p.completed_investment, 0)],
    [t("tracking.rate"), fmtShare(p.completion_rate)],
    [t("tracking.status"), p.status + (LANG === "en" ? " " + p.status_en : "")],
    [t("project.start"), p.planned_start],
    [t("tracking.due"), p.planned_finish],
    [t("tracking.overdue"), p.overdue ? t("tracking.days", { n: p.days_overdue }) : "—"],
  ];
  return pairs.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, String(v))]);
}

function chartOf(doc) {
  const chart = makeChart(document.getElementById("progress-chart"));
  if (!chart) return;
  const current = doc.reports.filter((r) => r.current);
  chart.setOption({
    grid: { left: 70, right: 30, top: 30, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: current.map((r) => periodLabel(r.period)) },
    yAxis: { type: "value", name: t("tracking.done") },
    series: [
      {
        type: "line",
        name: t("tracking.done"),
        data: current.map((r) => r.completed_investment),
        markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#b3261e" }, data: [{ yAxis: doc.project.planned_investment, name: t("tracking.planned") }] },
      },
    ],
  });
  document.getElementById("progress-chart").dataset.points = String(current.length);
}

async function load() {
  try {
    const doc = await api("/api/v1/projects/" + encodeURIComponent(data.project), { params: { as_of: data.asOf } });
    const p = doc.project;
    document.getElementById("project-title").textContent = p.name + " · " + p.id;
    fill(document.getElementById("project-facts"), facts(p));
    if (!doc.reports.length) messageRow(body, t("tracking.no_reports"));
    else
      fill(
        body,
        doc.reports.map((r) =>
          el(
            "tr",
            { class: r.current ? "" : "muted", dataset: { period: r.period, current: String(r.current) } },
            el("td", null, periodLabel(r.period)),
            el("td", { class: "num" }, fmtNumber(r.completed_investment, 0)),
            el("td", { class: "num" }, fmtShare(r.completion_rate)),
            el("td", null, r.status),
            el("td", null, r.note || "—"),
            el("td", null, r.reported_on),
          ),
        ),
      );
    chartOf(doc);
    const form = document.getElementById("project-form");
    if (form) fillProjectForm(form, p);
  } catch (err) {
    showError(body, err);
    const section = document.getElementById("edit-section");
    if (section) section.hidden = true;
  }
}

const form = document.getElementById("project-form");
if (form) wireProjectForm(form, data.project, () => load());
const progress = document.getElementById("progress-form");
if (progress) {
  const error = document.getElementById("progress-form-error");
  const ok = document.getElementById("progress-form-ok");
  progress.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    ok.hidden = true;
    const v = (name) => progress.elements[name].value.trim();
    const json = { period: v("period"), completed_investment: Number(v("completed_investment")), status: v("status") };
    if (v("note")) json.note = v("note");
    try {
      const result = await api("/api/v1/projects/" + encodeURIComponent(data.project) + "/progress", { method: "POST", json });
      ok.textContent = t(result.status === "unchanged" ? "edit.unchanged" : "edit.saved", { id: data.project });
      ok.hidden = false;
      load();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
}
load();
