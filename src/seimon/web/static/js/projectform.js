// The project form (new project on /tracking, edit on a project's page): POST or PUT to /api/v1/projects.
import { api, t } from "./common.js";

const NUMBERS = new Set(["total_investment", "annual_investment"]);

/** Fill the form from a project of the API (its register row). */
export function fillProjectForm(form, p) {
  const values = {
    name: p.name, industry: p.subfield || p.industry, region: p.region, base: p.base, unit_code: p.unit_code,
    department: p.department, total_investment: p.planned_investment, annual_investment: p.annual_investment,
    planned_start: p.planned_start, planned_finish: p.planned_finish,
  };
  for (const [k, v] of Object.entries(values)) if (form.elements[k]) form.elements[k].value = v === null || v === undefined ? "" : v;
}

/** Wire the form: on submit send it, show the answer, call done(result) on success. */
export function wireProjectForm(form, projectId, done) {
  const error = document.getElementById("project-form-error");
  const ok = document.getElementById("project-form-ok");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    ok.hidden = true;
    const body = {};
    for (const input of form.elements) {
      if (!input.name) continue;
      const v = input.value.trim();
      if (v === "") continue;
      body[input.name] = NUMBERS.has(input.name) ? Number(v) : v;
    }
    const id = projectId || body.project_id;
    try {
      const result = projectId
        ? await api("/api/v1/projects/" + encodeURIComponent(projectId), { method: "PUT", json: body })
        : await api("/api/v1/projects", { method: "POST", json: body });
      ok.textContent = t(result.status === "unchanged" ? "edit.unchanged" : "edit.saved", { id });
      ok.hidden = false;
      if (done) done(result);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
}
