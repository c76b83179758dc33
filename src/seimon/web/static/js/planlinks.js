// Shared by the bases and projects pages: region names and the status of the targets an item carries.
import { api, el, fmtNumber, localized, periodLabel, statusBadge, t, targetText, unitLabel } from "./common.js";

/** Region code → name in the page language (reporting view). */
export async function regionNames() {
  const all = await api("/api/v1/regions", { params: { view: "reporting" } });
  const en = document.documentElement.dataset.lang === "en";
  return new Map(all.map((r) => [r.code, en ? r.name_en || r.name : r.name]));
}

/** Target id → assessed target row (status, latest value, forecast). */
export async function targetRows() {
  const rows = await api("/api/v1/targets");
  return new Map(rows.map((r) => [r.target_id, r]));
}

/** A list of targets with their status and latest value, each linking to its page. */
export function targetList(ids, targets) {
  if (!ids || !ids.length) return el("p", { class: "muted small" }, t("plan.no_targets"));
  return el(
    "ul",
    { class: "target-list" },
    ids.map((id) => {
      const r = targets.get(id);
      if (!r) return el("li", { dataset: { target: id } }, id);
      const unit = unitLabel(r.unit);
      const latest = r.latest_value === null ? "" : t("plan.latest", { value: fmtNumber(r.latest_value, 2) + (unit === "%" ? "%" : " " + unit), period: periodLabel(r.latest_period) });
      return el(
        "li",
        { dataset: { target: id, status: r.status } },
        el("a", { href: "/targets/" + encodeURIComponent(id) }, localized(r, "name")),
        " ",
        targetText(r),
        " ",
        statusBadge(r.status, localized(r, "status")),
        latest ? el("span", { class: "sub" }, latest) : "",
      );
    }),
  );
}
