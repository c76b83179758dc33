// The evaluator's workspace: every target with the platform's figures, sources and vintages, the judgement form,
// evidence requests (asked by the evaluator, answered by a province user for the department) and the sign-off.
// The API decides what the caller may do; `may` in its answer only chooses which forms are shown.
import { api, el, fill, fmtNumber, localized, messageRow, pageData, showError, t, unitLabel } from "./common.js";

const id = pageData().evaluationId;
const base = "/api/v1/evaluations/" + id;
const targetsBody = document.querySelector("#targets-table tbody");
const requestsBody = document.querySelector("#requests-table tbody");
const judgeForm = document.getElementById("judge-form");
const requestForm = document.getElementById("request-form");
const answerForm = document.getElementById("answer-form");
const signForm = document.getElementById("sign-form");
let view = null;

function figureText(row) {
  const f = row.figure;
  if (!f || f.value === null || f.value === undefined) return "—";
  const unit = unitLabel(f.unit);
  return fmtNumber(f.value, 2) + (unit ? " " + unit : "") + (f.period ? " (" + f.period + ")" : "");
}

function fileLinks(files) {
  if (!files || !files.length) return "—";
  return files.flatMap((f, i) => [i ? "；" : "", el("a", { href: base + "/files/" + f.id, download: f.filename }, f.filename)]);
}

function judgementCell(row) {
  const j = row.judgement;
  if (!j) return el("span", { class: "muted" }, t("evaluation.not_judged"));
  return el("span", null, el("strong", { dataset: { verdict: j.verdict } }, localized(j, "verdict")), "：", j.reason);
}

function targetRow(row) {
  const qualitative = row.type === "qualitative";
  const nameCell = el("td", null, localized(row, "name"));
  if (qualitative) nameCell.append(el("div", { class: "muted small" }, t("evaluation.statement") + "：" + row.statement));
  const judge = view.may.judge
    ? el("button", { type: "button", class: "small", dataset: { judge: row.target } }, t("evaluation.judge"))
    : "";
  return el(
    "tr",
    { dataset: { target: row.target, type: row.type } },
    nameCell,
    el("td", null, t(qualitative ? "evaluation.qualitative" : "evaluation.quantitative")),
    el("td", { class: "num" }, qualitative ? "—" : figureText(row)),
    el(
      "td",
      null,
      qualitative
        ? localized(row, "evidence") || "—"
        : (row.figure && row.figure.source ? row.figure.source : "—") + " · " + (row.figure && row.figure.vintage ? row.figure.vintage : "—"),
    ),
    el("td", null, qualitative ? "—" : localized(row, "status")),
    el("td", null, [row.lead, ...(row.partners || [])].filter(Boolean).join("、") || "—"),
    el("td", { class: "judgement" }, judgementCell(row)),
    el("td", null, fileLinks(row.files)),
    el("td", null, judge),
  );
}

function requestRow(r) {
  const name = view.targets.find((x) => x.target === r.target);
  const answer = r.answer ? [r.answer, ...(r.files && r.files.length ? [" · ", ...fileLinks(r.files)] : [])] : ["—"];
  const act =
    view.may.answer && r.state !== "answered"
      ? el("button", { type: "button", class: "small", dataset: { answer: String(r.id) } }, t("evaluation.answer"))
      : "";
  return el(
    "tr",
    { dataset: { request: String(r.id), status: r.status } },
    el("td", { class: "num" }, String(r.id)),
    el("td", null, r.department),
    el("td", null, name ? localized(name, "name") : r.target),
    el("td", null, r.question),
    el("td", null, r.due),
    el("td", null, localized(r, "status")),
    el("td", { class: "answer" }, ...answer),
    el("td", null, act),
  );
}

function show() {
  const e = view.evaluation;
  document.getElementById("summary").textContent = t("evaluation.summary", {
    kind: localized(e, "kind"),
    as_of: e.as_of,
    org: e.organisation || "—",
    state: localized(e, "state"),
  });
  const p = view.progress;
  document.getElementById("progress").textContent = t("evaluation.progress", {
    q: p.qualitative_judged,
    qn: p.qualitative,
    n: p.quantitative_judged,
    nn: p.quantitative,
    r: p.requests_open,
  });
  const note = document.getElementById("signed-note");
  note.hidden = e.state !== "signed";
  if (e.state === "signed") {
    note.textContent = t("evaluation.signed_by", { who: e.signatory, org: e.signed_organisation, date: e.signed_on });
  }
  fill(targetsBody, view.targets.map(targetRow));
  if (view.requests.length) fill(requestsBody, view.requests.map(requestRow));
  else messageRow(requestsBody, t("evaluation.no_requests"));
  document.getElementById("judge-section").hidden = !view.may.judge;
  document.getElementById("request-section").hidden = !view.may.judge;
  document.getElementById("sign-section").hidden = !view.may.sign;
  if (!view.may.answer) document.getElementById("answer-section").hidden = true;
  fill(
    requestForm.elements.target,
    view.targets.map((x) => el("option", { value: x.target }, localized(x, "name"))),
  );
  fill(requestForm.elements.department, view.departments.map((d) => el("option", { value: d }, d)));
  chooseDepartment();
}

function chooseDepartment() {
  const row = view.targets.find((x) => x.target === requestForm.elements.target.value);
  if (row && row.lead && view.departments.includes(row.lead)) requestForm.elements.department.value = row.lead;
}

async function load() {
  try {
    view = await api(base);
  } catch (err) {
    showError(document.getElementById("load-error"), err);
    messageRow(targetsBody, "—");
    messageRow(requestsBody, "—");
    return;
  }
  show();
}

targetsBody.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-judge]");
  if (!button) return;
  const row = view.targets.find((x) => x.target === button.dataset.judge);
  judgeForm.elements.target.value = row.target;
  document.getElementById("judge-target").textContent = localized(row, "name");
  const select = judgeForm.elements.verdict;
  for (const option of select.options) {
    const fits = option.dataset.type === row.type;
    option.hidden = !fits;
    option.disabled = !fits;
  }
  const current = row.judgement ? row.judgement.verdict : null;
  select.value = current || [...select.options].find((o) => !o.disabled).value;
  judgeForm.elements.reason.value = row.judgement ? row.judgement.reason : "";
  judgeForm.scrollIntoView({ block: "center" });
  judgeForm.elements.reason.focus();
});

requestsBody.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-answer]");
  if (!button) return;
  const r = view.requests.find((x) => String(x.id) === button.dataset.answer);
  answerForm.elements.request.value = String(r.id);
  document.getElementById("answer-request").textContent = r.id + " · " + r.department + " · " + r.question;
  document.getElementById("answer-section").hidden = false;
  answerForm.elements.answer.focus();
});

requestForm.elements.target.addEventListener("change", chooseDepartment);

function wire(form, prefix, submit) {
  const error = document.getElementById(prefix + "-error");
  const ok = document.getElementById(prefix + "-ok");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (ok) ok.hidden = true;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const message = await submit();
      if (message === null) return;
      await load();
      if (ok) {
        ok.textContent = message;
        ok.hidden = false;
      }
    } catch (err) {
      showError(error, err);
    } finally {
      button.disabled = false;
    }
  });
}

wire(judgeForm, "judge", async () => {
  const target = judgeForm.elements.target.value;
  if (!target) throw new Error(t("evaluation.pick_target"));
  const body = { verdict: judgeForm.elements.verdict.value, reason: judgeForm.elements.reason.value.trim() };
  const saved = await api(base + "/judgements/" + encodeURIComponent(target), { method: "PUT", json: body });
  const file = judgeForm.elements.file.files[0];
  if (file) {
    const form = new FormData();
    form.append("file", file);
    await api(base + "/judgements/" + encodeURIComponent(target) + "/files", { method: "POST", form });
  }
  judgeForm.reset();
  judgeForm.elements.target.value = "";
  const row = view.targets.find((x) => x.target === saved.target);
  return t("evaluation.saved", { name: row ? localized(row, "name") : saved.target });
});

wire(requestForm, "request", async () => {
  const body = {
    target: requestForm.elements.target.value,
    department: requestForm.elements.department.value,
    question: requestForm.elements.question.value.trim(),
    due: requestForm.elements.due.value || null,
  };
  const made = await api(base + "/requests", { method: "POST", json: body });
  requestForm.elements.question.value = "";
  return t("evaluation.requested", { id: made.id });
});

wire(answerForm, "answer", async () => {
  const request = answerForm.elements.request.value;
  const form = new FormData();
  form.append("answer", answerForm.elements.answer.value.trim());
  for (const file of answerForm.elements.files.files) form.append("files", file);
  const done = await api(base + "/requests/" + request + "/answer", { method: "POST", form });
  answerForm.reset();
  return t("evaluation.answered", { id: done.id });
});

wire(signForm, "sign", async () => {
  if (!window.confirm(t("evaluation.sign_confirm"))) return null;
  const body = { signatory: signForm.elements.signatory.value.trim(), signed_on: signForm.elements.signed_on.value || null };
  await api(base + "/sign", { method: "POST", json: body });
  return t("evaluation.signed");
});

load();
