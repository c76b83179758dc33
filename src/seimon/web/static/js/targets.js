// Targets: every plan target with its status, a sparkline of the observations and the forecast.
import {
  STATUSES, api, el, fill, fmtNumber, fmtShare, localized, messageRow, pageData, periodLabel, showError,
  statusBadge, t, targetText, unitLabel,
} from "./common.js";
import { sparkline } from "./charts.js";

const data = pageData();
const tbody = document.querySelector("#targets-table tbody");

function forecastCell(r) {
  const f = r.forecast || {};
  if (f.status !== "ok" || f.value === null) {
    return el("td", { class: "num muted" }, t("targets.no_forecast"), el("span", { class: "sub" }, (f.reasons || []).length ? t("targets.see_detail") : ""));
  }
  const unit = unitLabel(r.unit);
  return el(
    "td",
    { class: "num", dataset: { forecast: String(f.value) } },
    fmtNumber(f.value, 2) + " " + (unit === "%" ? "%" : unit),
    el("span", { class: "sub" }, "[" + fmtNumber(f.lower, 2) + " – " + fmtNumber(f.upper, 2) + "] " + t("forecast." + f.method)),
    r.probability_meet === null || r.probability_meet === undefined ? "" : el("span", { class: "sub" }, t("targets.probability", { p: fmtShare(r.probability_meet, 0) })),
  );
}

async function load() {
  let rows;
  try {
    rows = await api("/api/v1/targets", { params: { as_of: data.asOf, method: data.method } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  const tally = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const r of rows) tally[r.status] = (tally[r.status] || 0) + 1;
  fill(
    document.getElementById("status-counts"),
    Object.entries(tally).map(([status, n]) => el("li", { dataset: { status } }, statusBadge(status), el("span", { class: "count" }, String(n)))),
  );
  if (!rows.length) {
    messageRow(tbody, t("common.none"));
    return;
  }
  const suffix = new URLSearchParams();
  if (data.asOf) suffix.set("as_of", data.asOf);
  if (data.method && data.method !== "opensdg") suffix.set("method", data.method);
  const tail = suffix.toString() ? "?" + suffix : "";
  const sparks = [];
  fill(
    tbody,
    rows.map((r) => {
      const spark = el("div", { class: "sparkline", "aria-hidden": "true" });
      if (r.points && r.points.length) sparks.push([spark, r]);
      const unit = unitLabel(r.unit);
      return el(
        "tr",
        { dataset: { target: r.target_id, status: r.status } },
        el("td", null, el("a", { href: "/targets/" + encodeURIComponent(r.target_id) + tail }, localized(r, "name")), el("span", { class: "sub" }, r.target_id)),
        el("td", { class: "num" }, targetText(r), el("span", { class: "sub" }, t("targets.by", { year: r.deadline }))),
        el(
          "td",
          { class: "num" },
          r.latest_value === null ? "—" : fmtNumber(r.latest_value, 2) + " " + (unit === "%" ? "%" : unit),
          el("span", { class: "sub" }, r.latest_period ? periodLabel(r.latest_period) : ""),
        ),
        el("td", null, statusBadge(r.status, localized(r, "status")), r.progress_share === null ? "" : el("span", { class: "sub" }, t("targets.progress", { p: fmtShare(r.progress_share, 0) }))),
        el("td", { class: "spark" }, r.points && r.points.length ? spark : el("span", { class: "muted" }, "—")),
        forecastCell(r),
      );
    }),
  );
  for (const [node, r] of sparks) sparkline(node, r.points, r.target_value);
}

load();
