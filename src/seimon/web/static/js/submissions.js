// Submissions: upload a file (it is validated at once, nothing lands) and the list of submissions — one's own,
// or all of them for those who approve.
import { api, ApiError, badge, el, fill, fmtNumber, fmtTime, messageRow, showError, t } from "./common.js";

const tbody = document.querySelector("#submissions-table tbody");
const statusSelect = document.getElementById("status");

async function list() {
  let rows;
  try {
    rows = await api("/api/v1/submissions", { params: { status: statusSelect.value } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  if (!rows.length) return messageRow(tbody, t("submissions.none"));
  fill(
    tbody,
    rows.map((s) =>
      el(
        "tr",
        { dataset: { submission: String(s.id), status: s.status } },
        el("td", { class: "num" }, el("a", { href: "/submissions/" + s.id }, "#" + s.id)),
        el("td", null, t("kind." + s.kind)),
        el("td", null, el("a", { href: "/submissions/" + s.id }, s.filename)),
        el("td", null, badge("state", s.status)),
        el("td", null, badge("state", s.validation_status)),
        el("td", { class: "num" }, fmtNumber(s.rows_read, 0)),
        el("td", { class: "num" }, fmtNumber(s.rows_valid, 0)),
        el("td", { class: "num" }, fmtNumber(s.rows_quarantined, 0)),
        el("td", null, s.submitted_by, s.region ? el("span", { class: "sub" }, s.region) : ""),
        el("td", null, fmtTime(s.created_at)),
        el("td", { class: "num" }, s.batch_id === null || s.batch_id === undefined ? "—" : el("a", { href: "/batches/" + s.batch_id }, "#" + s.batch_id)),
      ),
    ),
  );
}

const form = document.getElementById("upload-form");
if (form) {
  const error = document.getElementById("upload-error");
  const busy = document.getElementById("upload-busy");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const file = form.querySelector("#file").files[0];
    if (!file) {
      showError(error, t("submissions.choose_file"));
      return;
    }
    const body = new FormData();
    body.append("kind", form.querySelector("#kind").value);
    body.append("file", file, file.name);
    const sheet = form.querySelector("#sheet").value.trim();
    if (sheet) body.append("sheet", sheet);
    body.append("wait", "false");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    busy.hidden = false;
    // progress: the server validates in a worker and answers at once with an upload id; its rows read, then
    // validated, out of the file's rows are polled until the submission exists (or the file is refused)
    const bar = document.getElementById("upload-progress");
    const rows = document.getElementById("upload-rows");
    const elapsed = document.getElementById("upload-elapsed");
    const started = Date.now();
    bar.max = 1;
    bar.value = 0;
    rows.textContent = "";
    const fail = (err) => {
      showError(error, err);
      button.disabled = false;
      busy.hidden = true;
    };
    try {
      const accepted = await api("/api/v1/submissions", { method: "POST", form: body });
      for (;;) {
        const p = await api(accepted.progress_url);
        elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s";
        showProgress(p, bar, rows);
        if (p.state === "done") {
          window.location.assign("/submissions/" + p.submission_id);
          return;
        }
        if (p.state === "failed") {
          fail(new ApiError(422, { error: p.error }));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    } catch (err) {
      fail(err);
    }
  });
}

/** The bar and the words for one progress answer: rows counted first, then rows validated out of them. */
function showProgress(p, bar, rows) {
  const state = document.getElementById("upload-state");
  state.textContent = t("upload.state." + p.state);
  rows.dataset.state = p.state;
  rows.dataset.validated = String(p.rows_validated);
  rows.dataset.total = p.rows_total === null ? "" : String(p.rows_total);
  if (p.rows_total === null) {
    bar.max = 1;
    bar.value = 0;
    rows.textContent = p.rows_read ? t("upload.rows_read", { n: fmtNumber(p.rows_read, 0) }) : "";
    return;
  }
  bar.max = Math.max(p.rows_total, 1);
  bar.value = p.rows_validated;
  rows.textContent = t("upload.rows_validated", { n: fmtNumber(p.rows_validated, 0), m: fmtNumber(p.rows_total, 0) });
}

statusSelect.addEventListener("change", list);
document.getElementById("status-filter").addEventListener("submit", (e) => e.preventDefault());
list();
