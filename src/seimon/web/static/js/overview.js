// Overview: the four headline figures of the latest period with data, and every target's status.
import {
  STATUSES, api, el, fill, fmtNumber, fmtValue, latestPeriod, localized, paren, periodLabel, priorPeriod,
  showError, statusBadge, t,
} from "./common.js";

const HEADLINE = [...document.querySelectorAll("#headline [data-indicator]")].map((n) => n.dataset.indicator);

async function headline() {
  const status = document.getElementById("headline-status");
  let series;
  let head;
  try {
    [head, ...series] = await Promise.all([
      api("/api/v1/releases"),
      ...HEADLINE.map((id) => api("/api/v1/indicators/" + id, { params: { region: "130000" } })),
    ]);
  } catch (err) {
    showError(status, err);
    return;
  }
  // The headline period: the newest released one, else the newest with a reporting rate of at least 90 %
  // (a period with a few early reports is never the headline); the indicators are read for that period.
  const period = head.headline ? head.headline.period : null;
  if (!period || !latestPeriod(series[0])) {
    status.textContent = t("overview.no_data");
    return;
  }
  document.getElementById("headline-period").textContent = paren(periodLabel(period));
  HEADLINE.forEach((id, i) => {
    const card = document.querySelector(`#headline [data-indicator="${id}"]`);
    const row = series[i].find((r) => r.period === period);
    const valueNode = card.querySelector(".value");
    const unitNode = card.querySelector(".unit");
    const note = card.querySelector(".stat-note");
    card.dataset.period = period;
    if (!row || row.value === null) {
      valueNode.textContent = "—";
      note.textContent = row && row.suppressed ? t("common.suppressed") : t("common.no_value");
      return;
    }
    const text = fmtValue(row.value, row.unit);
    const [number, ...unit] = text.split(" ");
    valueNode.textContent = row.unit === "%" ? text : number;
    unitNode.textContent = row.unit === "%" ? "" : unit.join(" ");
    card.dataset.value = String(row.value);
    const prior = series[i].find((r) => r.period === priorPeriod(period));
    if (id === "sei_va_share_above_scale" && prior && prior.value !== null) {
      const change = row.value - prior.value;
      note.textContent = t("overview.share_change", { pp: (change >= 0 ? "+" : "") + fmtNumber(change, 2) });
    } else if (id === "sei_va" && prior && prior.value !== null) {
      note.textContent = t("overview.prior", { value: fmtValue(prior.value, prior.unit) });
    } else if (id === "sei_growth_gap") {
      note.textContent = row.value >= 0 ? t("overview.gap_above") : t("overview.gap_below");
    }
  });
}

async function targets() {
  const grid = document.getElementById("target-grid");
  const counts = document.getElementById("status-counts");
  let rows;
  try {
    rows = await api("/api/v1/targets");
  } catch (err) {
    showError(grid, err);
    return;
  }
  if (rows.length) document.getElementById("targets-as-of").textContent = t("overview.as_of", { date: rows[0].as_of });
  const tally = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const r of rows) tally[r.status] = (tally[r.status] || 0) + 1;
  fill(
    counts,
    Object.entries(tally).map(([status, n]) =>
      el("li", { dataset: { status } }, statusBadge(status, localized(rows.find((r) => r.status === status), "status") || undefined), el("span", { class: "count" }, String(n))),
    ),
  );
  fill(
    grid,
    rows.map((r) =>
      el(
        "a",
        {
          class: "cell status-" + r.status,
          href: "/targets/" + encodeURIComponent(r.target_id),
          title: localized(r, "name") + " — " + localized(r, "status"),
          dataset: { target: r.target_id, status: r.status },
        },
        localized(r, "name"),
        el("span", { class: "cell-status" }, localized(r, "status")),
      ),
    ),
  );
}

headline();
targets();
