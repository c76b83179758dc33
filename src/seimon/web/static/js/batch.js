// One import batch: its provenance (file, hash, sheet, user, times), row counts and problems by rule.
import {
  api, badge, el, fill, fmtNumber, fmtTime, localized, messageRow, pageData, paren, showError, t,
} from "./common.js";

const id = pageData().batchId;

api("/api/v1/batches/" + id)
  .then((b) => {
    const rows = [
      [t("batches.status"), badge("state", b.status)],
      [t("batches.kind"), t("kind." + b.kind)],
      [t("batches.file"), b.file_name + (b.sheet ? paren(b.sheet) : "")],
      [t("batch.path"), b.file_path || "—"],
      ["SHA-256", el("code", null, b.file_hash || "—")],
      [t("batches.user"), b.user_name || "—"],
      [t("batch.started"), fmtTime(b.started_at)],
      [t("batches.finished"), fmtTime(b.finished_at)],
      [t("batches.rows_read"), fmtNumber(b.rows_read, 0)],
      [t("batches.rows_loaded"), fmtNumber(b.rows_loaded, 0)],
      [t("batches.rows_quarantined"), fmtNumber(b.rows_quarantined, 0)],
      [t("batches.rows_superseded"), fmtNumber(b.rows_superseded, 0)],
      [t("batch.rows_stored"), fmtNumber(b.rows_stored, 0)],
      [t("batch.rows_current"), fmtNumber(b.rows_current, 0)],
      [t("batch.superseded_later"), fmtNumber(b.superseded_later, 0)],
      [t("batch.message"), localized(b, "message") || "—"],
    ];
    fill(document.getElementById("batch-facts"), rows.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, v)]));
    const tbody = document.querySelector("#batch-problems tbody");
    const problems = b.problems || [];
    if (!problems.length) return messageRow(tbody, t("submission.no_problems"));
    fill(
      tbody,
      problems.map((p) =>
        el("tr", null, el("td", null, p.rule), el("td", null, badge("severity", p.severity)), el("td", { class: "num" }, fmtNumber(p.n, 0)), el("td", { class: "num" }, fmtNumber(p.resolved, 0))),
      ),
    );
  })
  .catch((err) => {
    showError(document.getElementById("batch-error"), err);
    fill(document.getElementById("batch-facts"));
  });
