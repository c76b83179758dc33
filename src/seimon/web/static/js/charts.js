// ECharts helpers: sparklines, the target trend with its target line and forecast interval, bars and the
// Hebei map. ECharts is served by this application (static/vendor/echarts.min.js, built from npm).
import { LANG, fmtNumber, t, unitLabel } from "./common.js";

const charts = [];
let listening = false;

/** The ECharts library, or null when static/vendor was not built (the page then says so). */
export function echartsLib() {
  return typeof window.echarts === "undefined" ? null : window.echarts;
}

/** An ECharts instance on node, resized with the window. */
export function makeChart(node) {
  const lib = echartsLib();
  if (!lib) {
    node.textContent = t("chart.unavailable");
    node.classList.add("muted");
    return null;
  }
  const chart = lib.init(node, null, { renderer: "canvas" });
  charts.push(chart);
  if (!listening) {
    listening = true;
    window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  }
  return chart;
}

/** Text for a tooltip (ECharts renders tooltips as HTML). */
function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const PALETTE = ["#1d4e89", "#c98a00", "#1e7b45", "#b3261e", "#6a4c93", "#d9631e", "#2a9d8f", "#5f6b7a"];
const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** A small line of a target's observations (no axes); the target value as a dashed line. */
export function sparkline(node, points, targetValue) {
  const chart = makeChart(node);
  if (!chart) return null;
  const data = points.map((p) => [p.t, p.value]);
  const values = points.map((p) => p.value);
  if (targetValue !== null && targetValue !== undefined) values.push(targetValue);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  chart.setOption({
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: "value", show: false, min: "dataMin", max: "dataMax" },
    yAxis: { type: "value", show: false, min: lo - pad, max: hi + pad },
    series: [
      {
        type: "line",
        data,
        symbol: "circle",
        symbolSize: 3,
        lineStyle: { width: 1.5, color: PALETTE[0] },
        itemStyle: { color: PALETTE[0] },
        markLine:
          targetValue === null || targetValue === undefined
            ? undefined
            : { silent: true, symbol: "none", label: { show: false }, lineStyle: { color: "#b3261e", type: "dashed", width: 1 }, data: [{ yAxis: targetValue }] },
      },
    ],
  });
  return chart;
}

/** Time on the axis is the end of a period in fractional years: 2021.0 is the end of 2020. */
function yearLabel(value) {
  if (Math.abs(value - Math.round(value)) > 1e-6) return "";
  const year = Math.round(value) - 1;
  return LANG === "en" ? "end " + year : year + "年末";
}

/**
 * The trend of one target: observations, the target line, and the forecast to the deadline with its
 * interval (a fan from the latest observation to the lower and upper bounds).
 */
export function trendChart(node, data) {
  const chart = makeChart(node);
  if (!chart) return null;
  const unit = unitLabel(data.unit);
  const points = (data.points || []).map((p) => [p.t, p.value, p.period]);
  const series = [
    {
      name: t("chart.observed"),
      type: "line",
      data: points,
      symbolSize: 7,
      lineStyle: { width: 2, color: PALETTE[0] },
      itemStyle: { color: PALETTE[0] },
      markLine:
        data.target_value === null || data.target_value === undefined
          ? undefined
          : {
              symbol: "none",
              lineStyle: { color: "#b3261e", type: "dashed", width: 1.5 },
              label: { formatter: t("chart.target") + " " + (data.comparator || "") + fmtNumber(data.target_value, 2), position: "insideEndTop", color: "#b3261e" },
              data: [{ yAxis: data.target_value }],
            },
    },
  ];
  const f = data.forecast || {};
  const last = points.length ? points[points.length - 1] : null;
  if (f.status === "ok" && f.value !== null && last) {
    const end = data.deadline_t;
    series.push({
      name: t("chart.forecast"),
      type: "line",
      data: [[last[0], last[1]], [end, f.value]],
      symbol: "diamond",
      symbolSize: 8,
      lineStyle: { type: "dashed", width: 2, color: PALETTE[1] },
      itemStyle: { color: PALETTE[1] },
    });
    if (f.lower !== null && f.upper !== null) {
      const interval = t("chart.interval", { level: Math.round((f.level || 0.8) * 100) });
      series.push({
        name: interval,
        type: "line",
        data: [[last[0], last[1]], [end, f.upper]],
        symbol: "none",
        lineStyle: { type: "dotted", width: 1, color: PALETTE[1] },
        itemStyle: { color: PALETTE[1] },
        areaStyle: undefined,
      });
      series.push({
        name: interval,
        type: "line",
        data: [[last[0], last[1]], [end, f.lower]],
        symbol: "none",
        lineStyle: { type: "dotted", width: 1, color: PALETTE[1] },
        itemStyle: { color: PALETTE[1] },
      });
      series.push({
        name: interval,
        type: "line",
        data: [[end, f.lower], [end, f.upper]],
        symbol: "rect",
        symbolSize: [10, 2],
        lineStyle: { width: 3, color: PALETTE[1], opacity: 0.5 },
        itemStyle: { color: PALETTE[1] },
      });
    }
  }
  const xs = points.map((p) => p[0]);
  if (data.deadline_t) xs.push(data.deadline_t);
  chart.setOption({
    textStyle: { fontFamily: FONT },
    color: PALETTE,
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const label = p.data[2] ? p.data[2] : yearLabel(p.data[0]) || fmtNumber(p.data[0], 2);
        return esc(p.seriesName) + "<br>" + esc(label) + "：" + fmtNumber(p.data[1], 2) + " " + esc(unit);
      },
    },
    legend: { top: 0 },
    grid: { left: 70, right: 40, top: 40, bottom: 40 },
    xAxis: {
      type: "value",
      min: xs.length ? Math.floor(Math.min(...xs)) : undefined,
      max: xs.length ? Math.ceil(Math.max(...xs)) : undefined,
      interval: 1,
      axisLabel: { formatter: yearLabel },
    },
    yAxis: { type: "value", name: unit, scale: true },
    series,
  });
  return chart;
}

/** A horizontal bar chart of named values (largest on top). */
export function barChart(node, items, unit) {
  const chart = makeChart(node);
  if (!chart) return null;
  const sorted = [...items].filter((i) => i.value !== null && i.value !== undefined).sort((a, b) => a.value - b.value);
  chart.setOption({
    textStyle: { fontFamily: FONT },
    grid: { left: 150, right: 60, top: 20, bottom: 30 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", name: unitLabel(unit) },
    yAxis: { type: "category", data: sorted.map((i) => i.name) },
    series: [{ type: "bar", data: sorted.map((i) => i.value), itemStyle: { color: PALETTE[0] }, label: { show: true, position: "right", formatter: (p) => fmtNumber(p.value, 2) } }],
  });
  return chart;
}

/** The map of Hebei's cities coloured by value (visualMap from the smallest to the largest). */
export function regionMap(node, mapName, items, title, unit, nameMap) {
  const chart = makeChart(node);
  if (!chart) return null;
  return updateRegionMap(chart, mapName, items, title, unit, nameMap);
}

/**
 * Colour the map anew. items: [{name, value}] with the map's own (Chinese) feature names; nameMap (optional)
 * renames the features for the page language, as ECharts' nameMap does.
 */
export function updateRegionMap(chart, mapName, items, title, unit, nameMap) {
  const values = items.map((i) => i.value).filter((v) => v !== null && v !== undefined);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  chart.setOption(
    {
      textStyle: { fontFamily: FONT },
      title: { text: title, left: "center", top: 8, textStyle: { fontSize: 14 } },
      tooltip: {
        trigger: "item",
        formatter: (p) => esc(p.name) + "：" + (p.value === undefined || Number.isNaN(p.value) ? "—" : fmtNumber(p.value, 2) + " " + esc(unitLabel(unit))),
      },
      visualMap: {
        type: "continuous",
        min: lo,
        max: hi === lo ? lo + 1 : hi,
        left: 16,
        bottom: 20,
        text: [t("chart.high"), t("chart.low")],
        calculable: false,
        inRange: { color: ["#e3ecf7", "#7aa7dd", "#1d4e89"] },
        formatter: (v) => fmtNumber(v, 1),
      },
      series: [
        {
          name: mapName,
          type: "map",
          map: mapName,
          nameMap: nameMap || undefined,
          roam: false,
          label: { show: true, fontSize: 11, color: "#1f2933", textBorderColor: "#ffffff", textBorderWidth: 2 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#f2c14e" } },
          data: items.map((i) => ({ name: nameMap && nameMap[i.name] ? nameMap[i.name] : i.name, value: i.value === null ? NaN : i.value })),
        },
      ],
    },
    { notMerge: true },
  );
  return chart;
}
