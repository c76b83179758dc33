// One submission: its state, the validation report with every problem, and the buttons the caller's role and
// the submission's state allow (submit; approve or return with a reason). The API decides again on each.
import {
  api, badge, el, fill, fmtNumber, fmtTime, localized, messageRow, pageData, paren, showError, t,
} from "./common.js";

const data = pageData();
const id = data.submissionId;
const canUpload = data.canUpload === "true";
const canApprove = data.canApprove === "true";
const errorBox = document.getElementById("submission-error");

function facts(s) {
  const rows = [
    [t("submissions.status"), badge("state", s.status)],
    [t("submissions.kind"), t("kind." + s.kind)],
    [t("submissions.file"), s.filename + (s.sheet ? paren(s.sheet) : "")],
    [t("submission.size"), fmtNumber(s.size, 0) + " B"],
    ["SHA-256", el("code", null, s.sha256)],
    [t("submissions.validation"), badge("state", s.validation_status)],
    [t("submissions.submitted_by"), s.submitted_by + (s.region ? paren(s.region) : "") + (s.credit_code ? paren(s.credit_code) : "")],
    [t("submissions.created_at"), fmtTime(s.created_at)],
    [t("submission.submitted_at"), fmtTime(s.submitted_at)],
    [t("submission.decided"), s.decided_at ? fmtTime(s.decided_at) + " · " + (s.decided_by || "") : "—"],
    [t("submission.reason"), s.decision_note || "—"],
    [t("submissions.batch"), s.batch_id === null || s.batch_id === undefined ? "—" : el("a", { href: "/batches/" + s.batch_id, id: "batch-link" }, "#" + s.batch_id)],
  ];
  const node = document.getElementById("submission-facts");
  node.dataset.status = s.status;
  node.dataset.batchId = s.batch_id === null || s.batch_id === undefined ? "" : String(s.batch_id);
  fill(node, rows.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, v)]));
}

function report(s) {
  const r = s.report || { problems: [] };
  document.getElementById("report-message").textContent = localized(r, "message");
  fill(
    document.getElementById("report-counts"),
    [
      ["submissions.rows_read", r.rows_read],
      ["submissions.rows_valid", r.rows_valid],
      ["submissions.rows_quarantined", r.rows_quarantined],
      ["submission.rows_warned", r.rows_warned],
      ["submission.problems", (r.problems || []).length],
    ].map(([k, n]) => el("li", { dataset: { count: k.split(".")[1] } }, t(k), el("span", { class: "count" }, fmtNumber(n, 0)))),
  );
  const tbody = document.querySelector("#problems tbody");
  const problems = r.problems || [];
  if (!problems.length) return messageRow(tbody, t("submission.no_problems"));
  fill(
    tbody,
    problems.map((p) =>
      el(
        "tr",
        { dataset: { row: p.row === null ? "" : String(p.row), field: p.field || "", rule: p.rule || "" } },
        el("td", { class: "num" }, p.row === null || p.row === undefined ? "—" : String(p.row)),
        el("td", null, p.field || "—"),
        el("td", null, p.rule || "—"),
        el("td", null, badge("severity", p.severity || "error")),
        el("td", { lang: "zh-CN" }, p.message_zh || ""),
        el("td", { lang: "en" }, p.message_en || ""),
        el("td", null, p.value === null || p.value === undefined ? "" : el("code", null, String(p.value))),
      ),
    ),
  );
}

function actions(s) {
  const section = document.getElementById("submission-actions");
  const submit = document.getElementById("submit-button");
  const approve = document.getElementById("approve-button");
  const returnForm = document.getElementById("return-form");
  const own = s.submitted_by === data.username;
  const maySubmit = canUpload && own && s.status === "validated" && s.validation_status !== "rejected";
  const mayDecide = canApprove && s.status === "submitted";
  submit.hidden = !maySubmit;
  approve.hidden = !mayDecide;
  returnForm.hidden = !mayDecide;
  section.hidden = !(maySubmit || mayDecide);
  let hint = "";
  if (maySubmit) hint = t("submission.hint_submit");
  else if (mayDecide) hint = t("submission.hint_decide");
  document.getElementById("actions-hint").textContent = hint;
}

function show(s) {
  facts(s);
  report(s);
  actions(s);
}

async function act(button, path, body) {
  errorBox.hidden = true;
  button.disabled = true;
  try {
    show(await api(path, { method: "POST", json: body }));
  } catch (err) {
    showError(errorBox, err);
  } finally {
    button.disabled = false;
  }
}

document.getElementById("submit-button").addEventListener("click", (e) => act(e.currentTarget, `/api/v1/submissions/${id}/submit`));
document.getElementById("approve-button").addEventListener("click", (e) => act(e.currentTarget, `/api/v1/submissions/${id}/approve`));
document.getElementById("return-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const reason = document.getElementById("return-reason").value.trim();
  if (!reason) {
    showError(errorBox, t("submission.reason_required"));
    return;
  }
  act(document.getElementById("return-button"), `/api/v1/submissions/${id}/return`, { reason });
});

api("/api/v1/submissions/" + id)
  .then(show)
  .catch((err) => {
    showError(errorBox, err);
    fill(document.getElementById("submission-facts"));
  });
