// "Where you stand": the enterprise's value added and growth against the quartiles and deciles of its peers
// (same GB/T 4754 division; same city), from /api/v1/benchmark. A group of fewer than 10 peers shows no
// distribution; no single peer's figure ever reaches the page.
import { api, el, fill, fmtNumber, messageRow, showError } from "./common.js";

const data = document.getElementById("page").dataset;
const tbody = document.querySelector("#benchmark-table tbody");
const GROUPS = { division: "行业大类 / division", region: "市 / city" };
const MEASURES = { value_added: "增加值 / value added (万元)", growth: "增速 / growth (%)" };

function row(group, measure) {
  const q = group[measure];
  const own = measure === "value_added" ? window.benchmarkOwn.value_added : window.benchmarkOwn.growth;
  const position = group.position[measure];
  return el(
    "tr",
    { "data-group": group.group, "data-measure": measure },
    el("td", {}, GROUPS[group.group] + " " + group.key),
    el("td", {}, MEASURES[measure]),
    el("td", {}, group.peers),
    ...(q ? [q.q1, q.median, q.q3].map((v) => el("td", { class: "num" }, fmtNumber(v, 1))) :
      [el("td", { class: "num muted", colspan: "3" }, "同行不足 10 家，不显示 / fewer than 10 peers: not shown")]),
    el("td", { class: "num" }, own === null || own === undefined ? "—" : fmtNumber(own, 1)),
    el("td", {}, position === null || position === undefined ? "—" : `前 ${100 - position}% / above ${position}% of peers`),
  );
}

function chart(result) {
  const node = document.getElementById("benchmark-chart");
  if (!window.echarts) return;
  // two panels, value added (left) and growth (right), one row per peer group with ≥ 10 peers
  const measures = ["value_added", "growth"];
  const rows = measures.map((m) => result.groups.filter((g) => g[m + "_deciles"]));
  if (!rows.some((r) => r.length)) {
    node.textContent = "同行不足 10 家，无分布图 / fewer than 10 peers in every group: no chart";
    return;
  }
  const own = { value_added: result.own.value_added, growth: result.own.growth };
  const series = [];
  measures.forEach((m, axis) => {
    for (let d = 1; d <= 9; d++) {
      series.push({
        name: `D${d}`, type: "scatter", symbol: "rect", symbolSize: [4, 18], itemStyle: { color: "#8aa4c8" },
        xAxisIndex: axis, yAxisIndex: axis, data: rows[axis].map((g, i) => [g[m + "_deciles"]["d" + d], i]),
      });
    }
    series.push({
      name: "四分位 / quartiles", type: "scatter", symbol: "rect", symbolSize: [6, 26], itemStyle: { color: "#1f4e8c" },
      xAxisIndex: axis, yAxisIndex: axis, data: rows[axis].flatMap((g, i) => ["q1", "median", "q3"].map((k) => [g[m][k], i])),
    });
    series.push({
      name: "本企业 / you", type: "scatter", symbol: "diamond", symbolSize: 16, itemStyle: { color: "#c0392b" },
      xAxisIndex: axis, yAxisIndex: axis, data: own[m] === null ? [] : rows[axis].map((_g, i) => [own[m], i]),
    });
  });
  const plot = window.echarts.init(node);
  plot.setOption({
    animation: false,
    tooltip: { trigger: "item" },
    legend: { data: ["四分位 / quartiles", "本企业 / you"] },
    grid: [{ left: 110, right: "53%" }, { left: "58%", right: 20 }],
    xAxis: measures.map((m, i) => ({ type: "value", gridIndex: i, name: MEASURES[m], nameLocation: "middle", nameGap: 28, scale: true })),
    yAxis: measures.map((_m, i) => ({ type: "category", gridIndex: i, data: rows[i].map((g) => GROUPS[g.group]) })),
    series,
  });
  node.dataset.ready = "1";
}

async function load() {
  let result;
  try {
    result = await api("/api/v1/benchmark", { params: { period: data.period, credit_code: data.creditCode } });
  } catch (err) {
    showError(tbody, err);
    return;
  }
  window.benchmarkOwn = result.own;
  document.getElementById("benchmark-own").textContent =
    `本企业 / your enterprise ${result.credit_code} · ${result.period}: ` +
    `增加值 / value added ${fmtNumber(result.own.value_added, 1)} 万元 · 增速 / growth ${fmtNumber(result.own.growth, 1)}%`;
  if (!result.groups.length) {
    messageRow(tbody, "本期无数据 / no data for this period");
    return;
  }
  fill(tbody, ...result.groups.flatMap((g) => ["value_added", "growth"].map((m) => row(g, m))));
  chart(result);
}

load();
