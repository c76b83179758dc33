// Audit log (administrators): who did what, when, from where; filter by user, action and date.
import { api, el, fill, fmtTime, messageRow, showError, t } from "./common.js";

const tbody = document.querySelector("#audit-table tbody");
const form = document.getElementById("audit-filter");

function detail(text) {
  if (!text) return "";
  try {
    const obj = typeof text === "string" ? JSON.parse(text) : text;
    return Object.entries(obj).map(([k, v]) => k + "=" + (typeof v === "object" ? JSON.stringify(v) : v)).join("; ");
  } catch {
    return String(text);
  }
}

async function list() {
  messageRow(tbody, t("common.loading"));
  const params = Object.fromEntries(new FormData(form).entries());
  let rows;
  try {
    rows = await api("/api/v1/audit", { params });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  if (!rows.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    rows.map((a) =>
      el(
        "tr",
        { dataset: { action: a.action } },
        el("td", null, fmtTime(a.at)),
        el("td", null, a.username || "—", a.role ? el("span", { class: "sub" }, t("role." + a.role)) : ""),
        el("td", null, a.action),
        el("td", null, a.target || ""),
        el("td", { class: "small" }, detail(a.detail)),
        el("td", null, a.ip || ""),
      ),
    ),
  );
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  list();
});
list();
