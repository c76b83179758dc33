// Import batches, newest first: where each import came from and what became of its rows.
import { api, badge, el, fill, fmtNumber, fmtTime, messageRow, showError, t } from "./common.js";

const tbody = document.querySelector("#batches-table tbody");

api("/api/v1/batches")
  .then((rows) => {
    if (!rows.length) return messageRow(tbody, t("common.none"));
    fill(
      tbody,
      rows.map((b) =>
        el(
          "tr",
          { dataset: { batch: String(b.batch_id) } },
          el("td", { class: "num" }, el("a", { href: "/batches/" + b.batch_id }, "#" + b.batch_id)),
          el("td", null, t("kind." + b.kind)),
          el("td", null, b.file_name, b.sheet ? el("span", { class: "sub" }, b.sheet) : ""),
          el("td", null, b.user_name || "—"),
          el("td", null, fmtTime(b.finished_at || b.started_at)),
          el("td", { class: "num" }, fmtNumber(b.rows_read, 0)),
          el("td", { class: "num" }, fmtNumber(b.rows_loaded, 0)),
          el("td", { class: "num" }, fmtNumber(b.rows_quarantined, 0)),
          el("td", { class: "num" }, fmtNumber(b.rows_superseded, 0)),
          el("td", null, badge("state", b.status)),
        ),
      ),
    );
  })
  .catch((err) => showError(tbody, err));
