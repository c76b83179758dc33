// One base: the plan's facts, its enterprises' revenue and growth (same enterprises a year earlier) and its rank
// among the bases that reported (withheld where fewer than three enterprises stand behind the figures), its
// projects, the plan targets scoped to it, and its member enterprises as far as the caller may see them.
import { LANG, api, el, fill, fmtNumber, fmtShare, messageRow, pageData, periodLabel, showError, t } from "./common.js";

const data = pageData();

async function load() {
  const facts = document.getElementById("base-facts");
  try {
    const [doc, plan] = await Promise.all([
      api("/api/v1/bases/" + encodeURIComponent(data.base), { params: { as_of: data.asOf } }),
      api("/api/v1/plan"),
    ]);
    const b = doc.base;
    document.getElementById("base-title").textContent = (b.name || b.id) + " · " + b.id;
    const industries = new Map((plan.industries || []).map((i) => [i.id, LANG === "en" ? i.name_en : i.name_zh]));
    fill(
      facts,
      [
        [t("base.level"), LANG === "en" ? b.level : b.level_zh],
        [t("bases.zone"), b.zone_name || b.zone || "—"],
        [t("bases.regions"), (b.regions || []).join("、") || "—"],
        [t("bases.industries"), (b.industries || []).map((i) => industries.get(i) || i).join("、") || "—"],
        [t("base.period"), doc.period ? periodLabel(doc.period) : "—"],
      ].flatMap(([k, v]) => [el("dt", null, k), el("dd", null, String(v))]),
    );
    const figure = (label, value, id) => el("li", null, label, el("span", { class: "count", id }, value));
    fill(
      document.getElementById("base-figures"),
      figure(t("base.enterprises"), String(b.enterprises) + " / " + String(b.reporting), "base-enterprises"),
      figure(t("base.revenue"), b.revenue === null ? t("common.suppressed") : fmtNumber(b.revenue, 0), "base-revenue"),
      figure(t("base.growth"), b.growth === null ? "—" : fmtShare(b.growth), "base-growth"),
      figure(t("base.rank"), b.rank_revenue ? b.rank_revenue + " / " + doc.ranked_revenue : "—", "base-rank"),
      figure(t("base.rank_growth"), b.rank_growth ? b.rank_growth + " / " + doc.ranked_growth : "—", "base-rank-growth"),
    );
    document.getElementById("base-suppressed").hidden = !b.suppressed;
    const projects = document.querySelector("#base-projects tbody");
    if (doc.projects === null) messageRow(projects, t("base.no_projects_access"));
    else if (!doc.projects.length) messageRow(projects, t("tracking.none"));
    else
      fill(
        projects,
        doc.projects.map((p) =>
          el(
            "tr",
            { dataset: { project: p.id } },
            el("td", null, el("a", { href: "/tracking/projects/" + encodeURIComponent(p.id) }, p.name), el("span", { class: "sub" }, p.id)),
            el("td", { class: "num" }, fmtNumber(p.planned_investment, 0)),
            el("td", { class: "num" }, fmtShare(p.completion_rate)),
            el("td", null, p.status + (p.overdue ? " · " + t("tracking.days", { n: p.days_overdue }) : "")),
          ),
        ),
      );
    fill(
      document.getElementById("base-targets"),
      (b.targets || []).length ? b.targets.map((id) => el("li", null, el("a", { href: "/targets/" + encodeURIComponent(id) }, id))) : [el("li", { class: "muted" }, "—")],
    );
    const members = document.querySelector("#base-members tbody");
    if (!doc.members.length) messageRow(members, t("base.no_members"));
    else
      fill(
        members,
        doc.members.map((m) =>
          el("tr", { dataset: { member: m.credit_code } }, el("td", null, m.credit_code), el("td", null, m.name), el("td", null, m.region), el("td", null, m.reported ? "✓" : "—")),
        ),
      );
  } catch (err) {
    fill(facts, el("dd", { class: "form-error" }, err.message));
  }
}

load();
