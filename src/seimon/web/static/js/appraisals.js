// Appraisal: the rank-interval chart (dot = rank, bar = 5–95 % interval), the ranking with pillar scores, and a
// unit's profile (its own unit for a city user; any unit for the province and the evaluator) on a click.
import { api, el, fill, fmtNumber, localized, messageRow, pageData, showError, t } from "./common.js";
import { makeChart } from "./charts.js";

const data = pageData();
const table = document.getElementById("appraisal-table");
const tbody = table.querySelector("tbody");
const profile = document.getElementById("profile");
let result = null;

function unitName(u) {
  return localized(u, "name") || u.name || u.unit;
}

function drawChart(units) {
  const ranked = units.filter((u) => u.rank !== null && u.rank !== undefined);
  const chart = makeChart(document.getElementById("rank-chart"));
  if (!chart) return;
  const names = ranked.map(unitName).reverse();
  const intervals = ranked.map((u) => [u.rank_low, u.rank_high]).reverse();
  const ranks = ranked.map((u) => u.rank).reverse();
  chart.setOption({
    animation: false,
    grid: { left: 110, right: 24, top: 16, bottom: 40 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: {
      type: "value",
      inverse: true,
      min: 0.5,
      max: ranked.length + 0.5,
      interval: 1,
      axisLabel: { formatter: (v) => (Number.isInteger(v) ? String(v) : "") },
      name: t("appraisals.rank"),
    },
    yAxis: { type: "category", data: names },
    series: [
      { name: "low", type: "bar", stack: "interval", data: intervals.map((i) => i[0] - 0.5), itemStyle: { color: "transparent" }, silent: true },
      { name: t("appraisals.interval"), type: "bar", stack: "interval", data: intervals.map((i) => i[1] - i[0] + 1), itemStyle: { color: "#9dc3e6" }, barWidth: 10 },
      { name: t("appraisals.rank"), type: "scatter", data: ranks.map((r, i) => [r, names[i]]), itemStyle: { color: "#1d4e89" }, symbolSize: 10 },
    ],
  });
}

function showProfile(u) {
  if (!u.indicators) return;
  profile.hidden = false;
  document.getElementById("profile-title").textContent = t("appraisals.profile_of", { name: unitName(u) });
  const meta = new Map(result.indicators.map((i) => [i.id, i]));
  fill(
    profile.querySelector("tbody"),
    Object.entries(u.indicators).map(([id, v]) =>
      el(
        "tr",
        { dataset: { indicator: id } },
        el("td", null, localized(meta.get(id), "name") || id),
        el("td", { class: "num" }, v.value === undefined ? "—" : v.value === null ? "—" : fmtNumber(v.value, 2)),
        el("td", { class: "num" }, v.score === null ? "—" : fmtNumber(v.score, 1, true)),
      ),
    ),
  );
}

function render() {
  const pillars = result.pillars;
  const head = table.querySelector("thead tr");
  for (const p of pillars) head.append(el("th", { scope: "col", class: "num" }, localized(p, "name")));
  fill(
    tbody,
    result.units.map((u) => {
      const row = el(
        "tr",
        { dataset: { unit: u.unit, own: u.own ? "true" : "false" } },
        el("td", { class: "num" }, u.rank === null ? "—" : String(u.rank)),
        el("td", null, u.rank_low === null ? "—" : `${u.rank_low}–${u.rank_high}`),
        el("td", null, unitName(u)),
        el("td", { class: "num" }, u.score === null ? "—" : fmtNumber(u.score, 1, true)),
        ...pillars.map((p) => el("td", { class: "num" }, u.pillars && u.pillars[p.id] != null ? fmtNumber(u.pillars[p.id], 1, true) : "—")),
      );
      if (u.indicators) {
        row.classList.add("clickable");
        row.addEventListener("click", () => showProfile(u));
      }
      return row;
    }),
  );
  drawChart(result.units);
  const s = result.sensitivity.total;
  const parts = Object.entries(s).map(([k, v]) => `${t("appraisal_factor." + k)} ${fmtNumber(v, 2, true)}`);
  document.getElementById("sensitivity").textContent = t("appraisals.sensitivity", { parts: parts.join(", "), draws: result.methods.draws });
  const own = result.units.find((u) => u.own) || (result.units.length && result.units[0].indicators ? result.units[0] : null);
  if (own) showProfile(own);
}

async function load() {
  try {
    result = await api(`/api/v1/appraisals/${data.year}`, { params: { units: data.units } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  if (!result.units.length) return messageRow(tbody, t("appraisals.none"));
  render();
}

load();
