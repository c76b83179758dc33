// Projects and tasks: the project register as of a date (filters by region, industry, department, base, status
// and "overdue only"), a map of projects by city (count and investment), one project's history, the tasks board.
import { LANG, api, el, fill, fmtNumber, fmtShare, messageRow, pageData, periodLabel, showError, t } from "./common.js";
import { regionMap, updateRegionMap } from "./charts.js";
import { wireProjectForm } from "./projectform.js";

const data = pageData();
const EXTRA = new Set((data.extraUnits || "").split(",").filter(Boolean));
const tbody = document.querySelector("#projects-table tbody");
const cityBody = document.querySelector("#city-table tbody");
const filters = ["city", "industry", "department", "base", "status"].map((id) => document.getElementById(id));
const overdueOnly = document.getElementById("overdue-only");
const asOfQuery = data.asOf ? "?as_of=" + encodeURIComponent(data.asOf) : "";
let projects = [];
let units = [];
let chart = null;

function options(select, pairs) {
  for (const [value, label] of pairs) select.append(el("option", { value }, label));
}

function statusText(p) {
  return p.status + (LANG === "en" ? " " + p.status_en : "");
}

function unitName(code) {
  const u = units.find((x) => x.code === code);
  if (!u) return code;
  return LANG === "en" ? u.name_en || u.name : u.name;
}

function shownProjects() {
  const [city, industry, department, base, status] = filters.map((s) => s.value);
  return projects.filter(
    (p) =>
      (!city || p.city === city) &&
      (!industry || p.industry === industry) &&
      (!department || p.department === department) &&
      (!base || (p.base || "") === base) &&
      (!status || p.status === status) &&
      (!overdueOnly.checked || p.overdue),
  );
}

/** Count, investment (亿元), completion and overdue per reporting unit of the projects shown. */
function byCity(shown) {
  const groups = new Map();
  for (const p of shown) {
    if (!groups.has(p.city)) groups.set(p.city, { count: 0, planned: 0, done: 0, overdue: 0 });
    const g = groups.get(p.city);
    g.count += 1;
    g.overdue += p.overdue ? 1 : 0;
    if (p.status !== "取消") {
      g.planned += p.planned_investment;
      g.done += p.completed_investment;
    }
  }
  return groups;
}

function renderMap(shown) {
  const groups = byCity(shown);
  const codes = [...groups.keys()].sort((a, b) => groups.get(b).planned - groups.get(a).planned || a.localeCompare(b));
  if (!codes.length) messageRow(cityBody, t("tracking.none"));
  else
    fill(
      cityBody,
      codes.map((code) => {
        const g = groups.get(code);
        return el(
          "tr",
          { dataset: { city: code, count: String(g.count) } },
          el("td", null, unitName(code), EXTRA.has(code) ? el("span", { class: "sub" }, t("regions.beside_cities")) : ""),
          el("td", { class: "num" }, String(g.count)),
          el("td", { class: "num" }, fmtNumber(g.planned / 10000, 1)),
          el("td", { class: "num" }, fmtShare(g.planned ? g.done / g.planned : null)),
          el("td", { class: "num" }, String(g.overdue)),
        );
      }),
    );
  const items = units
    .filter((u) => !EXTRA.has(u.code))
    .map((u) => {
      const g = groups.get(u.code);
      return { name: u.name, value: g ? g.planned / 10000 : 0 };
    });
  const title = t("tracking.map_title");
  const nameMap = LANG === "en" ? Object.fromEntries(units.filter((u) => u.name_en).map((u) => [u.name, u.name_en])) : null;
  const node = document.getElementById("project-map");
  if (!chart) chart = regionMap(node, data.mapName, items, title, "亿元", nameMap);
  else updateRegionMap(chart, data.mapName, items, title, "亿元", nameMap);
  node.dataset.cities = String(codes.filter((c) => !EXTRA.has(c)).length);
}

function render() {
  const shown = shownProjects();
  renderMap(shown);
  if (!shown.length) return messageRow(tbody, t("tracking.none"));
  fill(
    tbody,
    shown.map((p) =>
      el(
        "tr",
        { dataset: { project: p.id, overdue: String(p.overdue) } },
        el(
          "td",
          null,
          el("a", { href: "#project-history", dataset: { open: p.id } }, p.name),
          el("span", { class: "sub" }, p.id + " · " + unitName(p.city)),
        ),
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
  document.getElementById("history-link").href = "/tracking/projects/" + encodeURIComponent(id) + asOfQuery;
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
    const [doc, regions] = await Promise.all([
      api("/api/v1/projects", { params: { as_of: data.asOf } }),
      api("/api/v1/regions", { params: { view: "reporting" } }),
    ]);
    units = regions.filter((r) => r.report_parent === "130000");
    projects = doc.projects;
    const totals = doc.totals;
    fill(
      document.getElementById("project-totals"),
      el("li", null, t("tracking.projects"), el("span", { class: "count", id: "project-count" }, String(totals.projects))),
      el("li", null, t("tracking.rate"), el("span", { class: "count" }, fmtShare(totals.investment_completion_rate))),
      el("li", null, t("tracking.start_rate"), el("span", { class: "count" }, fmtShare(totals.start_rate))),
      el("li", null, t("tracking.finish_rate"), el("span", { class: "count" }, fmtShare(totals.finish_rate))),
      el("li", null, t("tracking.overdue"), el("span", { class: "count", id: "overdue-count" }, String(totals.overdue))),
    );
    const uniq = (key) => [...new Set(projects.map((p) => p[key]).filter(Boolean))].sort();
    options(filters[0], uniq("city").map((c) => [c, unitName(c)]));
    options(filters[1], uniq("industry").map((i) => [i, i]));
    options(filters[2], uniq("department").map((d) => [d, d]));
    options(filters[3], uniq("base").map((b) => [b, b]));
    options(filters[4], uniq("status").map((s) => [s, s]));
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
const form = document.getElementById("project-form");
if (form) wireProjectForm(form, null, (result) => window.location.assign("/tracking/projects/" + encodeURIComponent(result.row.project_id)));
load();
