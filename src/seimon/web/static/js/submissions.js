// Submissions: upload a file (it is validated at once, nothing lands) and the list of submissions — one's own,
// or all of them for those who approve.
import { api, badge, el, fill, fmtNumber, fmtTime, messageRow, showError, t } from "./common.js";

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
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    busy.hidden = false;
    // progress: a moving bar and the seconds since sending count up while the file is validated (the server
    // validates in a worker and keeps answering everyone else meanwhile)
    const bar = document.getElementById("upload-progress");
    const elapsed = document.getElementById("upload-elapsed");
    const started = Date.now();
    bar.removeAttribute("value");
    const ticker = setInterval(() => {
      elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s";
    }, 1000);
    try {
      const created = await api("/api/v1/submissions", { method: "POST", form: body });
      bar.value = 100;
      window.location.assign("/submissions/" + created.id);
    } catch (err) {
      showError(error, err);
      button.disabled = false;
      busy.hidden = true;
    } finally {
      clearInterval(ticker);
    }
  });
}

statusSelect.addEventListener("change", list);
document.getElementById("status-filter").addEventListener("submit", (e) => e.preventDefault());
list();
