// Major projects: the plan's 8 programmes, their content and the targets they carry, with status.
import { api, el, fill, localized, t } from "./common.js";
import { targetList, targetRows } from "./planlinks.js";

async function load() {
  const node = document.getElementById("projects");
  let projects, targets;
  try {
    [projects, targets] = await Promise.all([api("/api/v1/plan/projects"), targetRows()]);
  } catch (err) {
    fill(node, el("p", { class: "form-error" }, err.message));
    return;
  }
  fill(
    node,
    projects.map((p) =>
      el(
        "article",
        { class: "card project-card", dataset: { project: p.id } },
        el("h3", null, t("projects.number", { n: p.number }) + " " + localized(p, "name")),
        el("p", null, localized(p, "content")),
        el("h4", null, t("bases.targets")),
        targetList(p.targets, targets),
        el("p", { class: "muted small" }, t("target.section", { section: (p.source && p.source.section) || "—" })),
      ),
    ),
  );
}

load();
