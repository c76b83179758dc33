// Third-party evaluations: the list (everyone who may read them) and, for the administrator, the forms that open
// an evaluation, assign it to an evaluator organisation and record which organisation an evaluator works for.
import { api, el, fill, localized, messageRow, showError, t } from "./common.js";

const tbody = document.querySelector("#evaluations-table tbody");
const listError = document.getElementById("list-error");
const manage = document.getElementById("manage");

function assignCell(row) {
  if (!manage || row.state !== "opened") return row.organisation ? "" : "—";
  const input = el("input", {
    name: "organisation",
    maxlength: 200,
    list: "organisations",
    value: row.organisation || "",
    "aria-label": t("evaluations.organisation"),
  });
  const button = el("button", { type: "button", class: "small", dataset: { assign: String(row.id) } }, t("evaluations.assign"));
  return el("span", { class: "inline-form" }, input, button);
}

async function list() {
  let rows;
  try {
    rows = await api("/api/v1/evaluations");
  } catch (err) {
    showError(tbody, err);
    return;
  }
  if (!rows.length) return messageRow(tbody, t("common.none"));
  fill(
    tbody,
    rows.map((row) =>
      el(
        "tr",
        { dataset: { evaluation: String(row.id), state: row.state } },
        el("td", { class: "num" }, String(row.id)),
        el("td", null, localized(row, "kind")),
        el("td", null, row.as_of),
        el("td", { class: "organisation" }, row.organisation || "—"),
        el("td", null, localized(row, "state")),
        el("td", null, row.signed_on ? row.signatory + " · " + row.signed_on : "—"),
        el(
          "td",
          null,
          el("a", { href: "/evaluations/" + row.id }, t("evaluations.open_workspace")),
          " ",
          assignCell(row),
        ),
      ),
    ),
  );
}

async function members() {
  const body = document.querySelector("#members-table tbody");
  let rows;
  try {
    rows = await api("/api/v1/evaluations/members");
  } catch (err) {
    showError(body, err);
    return;
  }
  const orgs = [...new Set(rows.map((r) => r.organisation))];
  fill(document.getElementById("organisations"), orgs.map((o) => el("option", { value: o })));
  if (!rows.length) return messageRow(body, t("common.none"));
  fill(body, rows.map((r) => el("tr", { dataset: { member: r.username } }, el("td", null, r.username), el("td", null, r.organisation))));
}

tbody.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-assign]");
  if (!button) return;
  const organisation = button.parentElement.querySelector("input").value.trim();
  listError.hidden = true;
  button.disabled = true;
  try {
    await api("/api/v1/evaluations/" + button.dataset.assign + "/assign", { method: "POST", json: { organisation } });
    await list();
  } catch (err) {
    showError(listError, err);
    button.disabled = false;
  }
});

function wire(formId, submit) {
  const form = document.getElementById(formId);
  if (!form) return;
  const prefix = formId.replace("-form", "");
  const error = document.getElementById(prefix + "-error");
  const ok = document.getElementById(prefix + "-ok");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    ok.hidden = true;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      ok.textContent = await submit(form);
      ok.hidden = false;
      form.reset();
    } catch (err) {
      showError(error, err);
    } finally {
      button.disabled = false;
    }
  });
}

wire("open-form", async (form) => {
  const value = (name) => form.elements[name].value.trim() || null;
  const created = await api("/api/v1/evaluations", {
    method: "POST",
    json: { kind: value("kind"), as_of: value("as_of"), organisation: value("organisation"), title: value("title") },
  });
  await list();
  return t("evaluations.opened", { id: created.id });
});

wire("member-form", async (form) => {
  const body = { username: form.elements.username.value.trim(), organisation: form.elements.organisation.value.trim() };
  const added = await api("/api/v1/evaluations/members", { method: "POST", json: body });
  await members();
  return t("evaluations.member_added", { name: added.username, org: added.organisation });
});

list();
if (manage) members();
