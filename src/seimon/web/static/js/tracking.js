// Projects and tasks: the project register as of a date (filters, one project's history) and the tasks board.
import { api, el, fill, fmtNumber, fmtShare, messageRow, pageData, periodLabel, showError, t } from "./common.js";

const data = pageData();
const tbody = document.querySelector("#projects-table tbody");
const filters = ["city", "industry", "status"].map((id) => document.getElementById(id));
const overdueOnly = document.getElementById("overdue-only");
let projects = [];

function options(select, pairs) {
  for (const [value, label] of pairs) select.append(el("option", { value }, label));
}

function statusText(p) {
  return p.status + (document.documentElement.dataset.lang === "en" ? " " + p.status_en : "");
}

function render() {
  const [city, industry, status] = filters.map((s) => s.value);
  const shown = projects.filter(
    (p) =>
      (!city || p.city === city) &&
      (!industry || p.industry === industry) &&
      (!status || p.status === status) &&
      (!overdueOnly.checked || p.overdue),
  );
  if (!shown.length) return messageRow(tbody, t("tracking.none"));
  fill(
    tbody,
    shown.map((p) =>
      el(
        "tr",
        { dataset: { project: p.id, overdue: String(p.overdue) } },
        el("td", null, el("a", { href: "#project-history", dataset: { open: p.id } }, p.name), el("span", { class: "sub" }, p.id)),
        el("td", null, p.department),
        el("td", { class: "num" }, fmtNumber(p.planned_investment, 0)),
        el("td", { class: "num" }, fmtShare(p.completion_rate)),
        el("td", null, statusText(p)),
        el("td", null, p.planned_finish),
        el("td", null, p.overdue ? el("span", { class: "badge severity-critical" }, t("tracking.days", { n: p.days_overdue })) : ""),
      ),
    ),
  );
}

async function openHistory(id) {
  const section = document.getElementById("project-history");
  const body = document.querySelector("#history-table tbody");
  section.hidden = false;
  try {
    const doc = await api("/api/v1/projects/" + encodeURIComponent(id), { params: { as_of: data.asOf } });
    document.getElementById("history-title").textContent = doc.project.name + " · " + doc.project.id;
    if (!doc.reports.length) return messageRow(body, t("tracking.no_reports"));
    fill(
      body,
      doc.reports.map((r) =>
        el(
          "tr",
          { class: r.current ? "" : "muted" },
          el("td", null, periodLabel(r.period)),
          el("td", { class: "num" }, fmtNumber(r.completed_investment, 0)),
          el("td", { class: "num" }, fmtShare(r.completion_rate)),
          el("td", null, r.status),
          el("td", null, r.note || "—"),
          el("td", null, r.reported_on),
        ),
      ),
    );
  } catch (err) {
    showError(body, err);
  }
}

function renderTasks(doc) {
  const board = document.getElementById("tasks-board");
  const byDept = new Map();
  for (const task of doc.tasks) {
    const key = task.department || t("tracking.unassigned");
    if (!byDept.has(key)) byDept.set(key, []);
    byDept.get(key).push(task);
  }
  fill(
    board,
    ...[...byDept.entries()].map(([dept, tasks]) =>
      el(
        "section",
        { class: "task-column", dataset: { department: dept } },
        el("h3", null, dept + " (" + tasks.filter((x) => x.status === "已完成").length + "/" + tasks.length + ")"),
        el(
          "ul",
          null,
          ...tasks.map((x) =>
            el(
              "li",
              { dataset: { task: x.id, overdue: String(x.overdue) } },
              el("strong", null, x.title),
              el("span", { class: "sub" }, x.deadline + " · " + x.status + (x.progress ? " · " + x.progress : "")),
              x.overdue ? el("span", { class: "badge severity-critical" }, t("tracking.days", { n: x.days_overdue })) : "",
            ),
          ),
        ),
      ),
    ),
  );
}

async function load() {
  try {
    const doc = await api("/api/v1/projects", { params: { as_of: data.asOf } });
    projects = doc.projects;
    const totals = doc.totals;
    fill(
      document.getElementById("project-totals"),
      el("li", null, t("tracking.projects"), el("span", { class: "count" }, String(totals.projects))),
      el("li", null, t("tracking.rate"), el("span", { class: "count" }, fmtShare(totals.investment_completion_rate))),
      el("li", null, t("tracking.start_rate"), el("span", { class: "count" }, fmtShare(totals.start_rate))),
      el("li", null, t("tracking.finish_rate"), el("span", { class: "count" }, fmtShare(totals.finish_rate))),
      el("li", null, t("tracking.overdue"), el("span", { class: "count", id: "overdue-count" }, String(totals.overdue))),
    );
    const uniq = (key) => [...new Set(projects.map((p) => p[key]))].sort();
    options(filters[0], uniq("city").map((c) => [c, c]));
    options(filters[1], uniq("industry").map((i) => [i, i]));
    options(filters[2], uniq("status").map((s) => [s, s]));
    render();
  } catch (err) {
    showError(tbody, err);
  }
  try {
    renderTasks(await api("/api/v1/tasks", { params: { as_of: data.asOf } }));
  } catch (err) {
    showError(document.getElementById("tasks-board"), err);
  }
}

for (const f of [...filters, overdueOnly]) f.addEventListener("change", render);
tbody.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-open]");
  if (link) {
    event.preventDefault();
    openHistory(link.dataset.open);
  }
});
load();
