// Users (administrators): the accounts, disabling one, and adding one through the API.
import { api, el, fill, fmtTime, messageRow, showError, t } from "./common.js";

const tbody = document.querySelector("#users-table tbody");
const form = document.getElementById("add-user-form");
const error = document.getElementById("add-user-error");
const ok = document.getElementById("add-user-ok");
const me = (document.querySelector(".user[data-username]") || { dataset: {} }).dataset.username;

async function list() {
  let rows;
  try {
    rows = await api("/api/v1/users");
  } catch (err) {
    showError(tbody, err);
    return;
  }
  if (!rows.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    rows.map((u) => {
      const disable = u.disabled || u.username === me // one does not lock oneself out
        ? ""
        : el("button", { type: "button", class: "small", dataset: { disable: u.username } }, t("users.disable"));
      return el(
        "tr",
        { dataset: { user: u.username, disabled: String(Boolean(u.disabled)) } },
        el("td", null, u.username),
        el("td", null, u.display_name || ""),
        el("td", null, t("role." + u.role)),
        el("td", null, u.region || ""),
        el("td", null, u.credit_code || ""),
        el("td", null, u.disabled ? t("users.disabled") : t("users.active")),
        el("td", null, fmtTime(u.created_at)),
        el("td", null, disable),
      );
    }),
  );
}

tbody.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-disable]");
  if (!button) return;
  const name = button.dataset.disable;
  if (!window.confirm(t("users.confirm_disable", { name }))) return;
  button.disabled = true;
  try {
    await api("/api/v1/users/" + encodeURIComponent(name) + "/disable", { method: "POST" });
    await list();
  } catch (err) {
    showError(error, err);
    button.disabled = false;
  }
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  ok.hidden = true;
  const value = (name) => form.elements[name].value.trim() || null;
  const body = {
    username: value("username"),
    password: form.elements.password.value,
    role: value("role"),
    region: value("region"),
    credit_code: value("credit_code"),
    department: value("department"),
    display_name: value("display_name"),
  };
  if (!body.username || body.password.length < 8) {
    showError(error, t("users.invalid"));
    return;
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const created = await api("/api/v1/users", { method: "POST", json: body });
    ok.textContent = t("users.added", { name: created.username });
    ok.hidden = false;
    form.reset();
    await list();
  } catch (err) {
    showError(error, err);
  } finally {
    button.disabled = false;
  }
});

list();
