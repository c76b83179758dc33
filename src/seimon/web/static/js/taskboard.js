// The tasks board: per responsible department one row of columns by status (未启动 / 进行中 / 已完成), overdue tasks
// flagged; for the roles that may edit, a status report with text, a link and an evidence file.
import { LANG, api, el, fill, pageData, showError, t } from "./common.js";

const data = pageData();
const STATUSES = (data.statuses || "").split(",");
const STATUSES_EN = (data.statusesEn || "").split(",");
const board = document.getElementById("task-board");
const select = document.getElementById("board-department");
const mayEdit = data.mayEdit === "true";
let tasks = [];

function card(x) {
  const evidence = x.attachments.map((a) => {
    const m = /^evidence:(\d+)\/(.*)$/.exec(a);
    if (m) return el("a", { href: "/api/v1/evidence/" + m[1], class: "sub", dataset: { evidence: m[1] } }, "📎 " + m[2]);
    return /^https?:\/\//.test(a) ? el("a", { href: a, class: "sub", rel: "noopener" }, "📎 " + a) : el("span", { class: "sub" }, "📎 " + a);
  });
  return el(
    "li",
    { class: "task-card", dataset: { task: x.id, overdue: String(x.overdue), status: x.status } },
    el("strong", null, x.title),
    el("span", { class: "sub" }, x.box_title + " · " + t("taskboard.deadline") + " " + x.deadline),
    x.progress ? el("span", { class: "sub" }, (x.reported_on || "") + " " + x.progress) : "",
    ...evidence,
    x.overdue ? el("span", { class: "badge severity-critical" }, t("tracking.days", { n: x.days_overdue })) : "",
    mayEdit ? el("button", { type: "button", class: "link", dataset: { report: x.id } }, t("taskboard.report")) : "",
  );
}

function render() {
  const chosen = select.value;
  const depts = [...new Set(tasks.map((x) => x.department || ""))].sort();
  const shown = depts.filter((d) => !chosen || d === chosen);
  fill(
    board,
    shown.map((dept) => {
      const mine = tasks.filter((x) => (x.department || "") === dept);
      return el(
        "section",
        { class: "board-dept", dataset: { department: dept } },
        el("h3", null, (dept || t("tracking.unassigned")) + " · " + t("taskboard.counts", { done: mine.filter((x) => x.status === "已完成").length, n: mine.length, overdue: mine.filter((x) => x.overdue).length })),
        el(
          "div",
          { class: "board-columns" },
          STATUSES.map((status) =>
            el(
              "div",
              { class: "board-column", dataset: { status } },
              el("h4", null, status + (LANG === "en" ? " " + STATUSES_EN[STATUSES.indexOf(status)] : "")),
              el("ul", null, mine.filter((x) => x.status === status).map(card)),
            ),
          ),
        ),
      );
    }),
  );
}

async function load() {
  try {
    const doc = await api("/api/v1/tasks", { params: { as_of: data.asOf } });
    tasks = doc.tasks;
    const keep = select.value;
    const depts = [...new Set(tasks.map((x) => x.department || ""))].sort();
    fill(select, el("option", { value: "" }, t("common.all")), depts.map((d) => el("option", { value: d, selected: d === keep }, d || t("tracking.unassigned"))));
    fill(
      document.getElementById("task-totals"),
      el("li", null, t("tracking.tasks_n"), el("span", { class: "count", id: "task-count" }, String(doc.totals.tasks))),
      el("li", null, t("taskboard.done"), el("span", { class: "count" }, String(doc.totals.done))),
      el("li", null, t("tracking.overdue"), el("span", { class: "count", id: "task-overdue" }, String(doc.totals.overdue))),
    );
    render();
  } catch (err) {
    showError(board, err);
  }
}

select.addEventListener("change", render);
const form = document.getElementById("task-report-form");
if (form) {
  const section = document.getElementById("report-section");
  const error = document.getElementById("task-report-error");
  const ok = document.getElementById("task-report-ok");
  board.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-report]");
    if (!button) return;
    const task = tasks.find((x) => x.id === button.dataset.report);
    form.elements.task_id.value = task.id;
    form.elements.status.value = task.status;
    document.getElementById("report-task").textContent = task.title;
    section.hidden = false;
    ok.hidden = true;
    error.hidden = true;
    form.elements.progress.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    ok.hidden = true;
    const body = new FormData(form);
    const id = body.get("task_id");
    body.delete("task_id");
    const file = form.elements.file.files[0];
    if (!file) body.delete("file");
    if (!body.get("attachment")) body.delete("attachment");
    try {
      await api("/api/v1/tasks/" + encodeURIComponent(id) + "/reports", { method: "POST", form: body });
      ok.textContent = t("edit.saved", { id });
      ok.hidden = false;
      form.reset();
      await load();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
}
load();
