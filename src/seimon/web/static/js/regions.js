// Regions: Hebei's 11 cities on a map coloured by the chosen indicator, and the ranking of the 13 reporting
// units (the cities and 定州, 辛集, which are reported beside them and not drawn on the city map).
import {
  LANG, api, el, fill, latestPeriod, messageRow, pageData, paren, periodLabel, periodsOf, scaled, scaleFor,
  showError, t, unitLabel,
} from "./common.js";
import { regionMap, updateRegionMap } from "./charts.js";

const data = pageData();
const MAP_NAME = data.mapName;
const EXTRA = new Set((data.extraUnits || "").split(",").filter(Boolean));
const indicatorSelect = document.getElementById("indicator");
const periodSelect = document.getElementById("period");
const tbody = document.querySelector("#ranking tbody");
const mapNode = document.getElementById("region-map");
let units = [];
let rows = [];
let chart = null;

function unitName(unit) {
  return LANG === "en" ? unit.name_en || unit.name : unit.name;
}

function render() {
  const period = periodSelect.value;
  const indicator = indicatorSelect.value;
  const title = indicatorSelect.selectedOptions[0].textContent;
  const here = rows.filter((r) => r.period === period);
  const byRegion = new Map(here.map((r) => [r.region, r]));
  const unit = here.length ? here[0].unit : "";
  const scale = scaleFor(unit, here.map((r) => r.value));
  document.getElementById("ranking-period").textContent = paren(periodLabel(period));
  document.getElementById("ranking-value-head").textContent = title + (unitLabel(scale.unit) ? paren(unitLabel(scale.unit)) : "");
  const ranked = units
    .map((u) => ({ unit: u, row: byRegion.get(u.code) }))
    .sort((a, b) => {
      const va = a.row && a.row.value !== null ? a.row.value : -Infinity;
      const vb = b.row && b.row.value !== null ? b.row.value : -Infinity;
      return vb - va || a.unit.code.localeCompare(b.unit.code);
    });
  let rank = 0;
  fill(
    tbody,
    ranked.map(({ unit: u, row }) => {
      const has = row && row.value !== null;
      if (has) rank += 1;
      return el(
        "tr",
        { class: EXTRA.has(u.code) ? "extra-unit" : null, dataset: { region: u.code, value: has ? String(row.value) : "" } },
        el("td", { class: "num" }, has ? String(rank) : "—"),
        el("td", null, unitName(u), EXTRA.has(u.code) ? el("span", { class: "sub" }, t("regions.beside_cities")) : ""),
        el("td", { class: "num" }, has ? scaled(row.value, scale) : row && row.suppressed ? t("common.suppressed") : "—"),
      );
    }),
  );
  const items = units
    .filter((u) => !EXTRA.has(u.code))
    .map((u) => {
      const row = byRegion.get(u.code);
      return { name: u.name, value: row && row.value !== null ? row.value * scale.factor : null };
    });
  const mapTitle = title + " · " + periodLabel(period);
  const nameMap = LANG === "en" ? Object.fromEntries(units.filter((u) => u.name_en).map((u) => [u.name, u.name_en])) : null;
  if (!chart) chart = regionMap(mapNode, MAP_NAME, items, mapTitle, scale.unit, nameMap);
  else updateRegionMap(chart, MAP_NAME, items, mapTitle, scale.unit, nameMap);
  mapNode.dataset.indicator = indicator;
  mapNode.dataset.period = period;
}

async function loadIndicator() {
  const indicator = indicatorSelect.value;
  const keep = periodSelect.value;
  messageRow(tbody, t("common.loading"));
  try {
    rows = await api("/api/v1/indicators/" + encodeURIComponent(indicator), { params: { by: "region", view: "reporting" } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  const periods = periodsOf(rows.filter((r) => r.value !== null || r.suppressed));
  if (!periods.length) {
    fill(periodSelect);
    messageRow(tbody, t("overview.no_data"));
    return;
  }
  const chosen = periods.includes(keep) ? keep : latestPeriod(rows) || periods[0];
  fill(periodSelect, periods.map((p) => el("option", { value: p, selected: p === chosen }, periodLabel(p))));
  periodSelect.value = chosen;
  const url = new URL(window.location.href);
  url.searchParams.set("indicator", indicator);
  window.history.replaceState(null, "", url);
  render();
}

async function start() {
  try {
    const all = await api("/api/v1/regions", { params: { view: "reporting" } });
    units = all.filter((r) => r.report_parent === "130000");
  } catch (err) {
    showError(tbody, err);
    return;
  }
  indicatorSelect.addEventListener("change", loadIndicator);
  periodSelect.addEventListener("change", render);
  document.getElementById("region-controls").addEventListener("submit", (e) => e.preventDefault());
  await loadIndicator();
}

start();
