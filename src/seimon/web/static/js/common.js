// Shared helpers of every page: calls to /api/v1 (session cookie + CSRF header), the message catalogue,
// number and period formatting, and a small DOM builder. Data are always inserted as text, never as HTML.

const catalogue = JSON.parse(document.getElementById("i18n-data").textContent);

/** The page language: "zh" or "en". */
export const LANG = document.documentElement.dataset.lang === "en" ? "en" : "zh";

/** A message of the catalogue, with {name} placeholders filled from vars. */
export function t(key, vars) {
  let text = Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : key;
  if (vars) {
    for (const [name, value] of Object.entries(vars)) text = text.split("{" + name + "}").join(String(value));
  }
  return text;
}

/** A field in the page language from an object holding name_zh / name_en (or message_zh / message_en). */
export function localized(obj, base) {
  if (!obj) return "";
  const zh = obj[base + "_zh"];
  const en = obj[base + "_en"];
  return LANG === "en" ? en || zh || "" : zh || en || "";
}

/** One side of a "中文 / English" text when it has exactly one separator; otherwise the whole text. */
export function bilingual(text) {
  if (typeof text !== "string") return text == null ? "" : String(text);
  const parts = text.split(/\s?\/ /);
  if (parts.length !== 2) return text;
  return LANG === "en" ? parts[1].trim() : parts[0].trim();
}

export class ApiError extends Error {
  constructor(status, body) {
    const err = body && body.error ? body.error : null;
    const zh = err ? err.message_zh : null;
    const en = err ? err.message_en : null;
    super((LANG === "en" ? en || zh : zh || en) || t("error.http", { status }));
    this.status = status;
    this.code = err ? err.code : null;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

/** Call the API; resolves to the parsed JSON, rejects with an ApiError. A 401 sends the user to log in. */
export async function api(path, { method = "GET", params, json, form } = {}) {
  const url = new URL(path, window.location.origin);
  if (params) {
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    }
  }
  const headers = { Accept: "application/json" };
  let body;
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  const response = await fetch(url, { method, headers, body, credentials: "same-origin" });
  let data = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("application/json")) data = await response.json();
  if (response.status === 401 && !path.startsWith("/api/v1/auth/login")) {
    const here = window.location.pathname + window.location.search;
    window.location.assign("/login?next=" + encodeURIComponent(here));
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Build an element: el("td", {class: "num"}, "12.3", otherNode). Strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace the children of node. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** A table body row spanning all columns with a message (loading, empty, error). */
export function messageRow(tbody, text, cls = "muted") {
  const columns = tbody.closest("table").querySelectorAll("thead th").length || 1;
  fill(tbody, el("tr", null, el("td", { colspan: columns, class: cls }, text)));
}

/** Show an error in a .form-error element (or a table body). */
export function showError(target, err) {
  const text = err instanceof Error ? err.message : String(err);
  if (target.tagName === "TBODY") {
    messageRow(target, text, "form-error");
    return;
  }
  target.textContent = text;
  target.hidden = false;
}

const numberFormats = new Map();

/** A number with at most (or, fixed, exactly) `digits` decimals, grouped the local way; "—" when missing. */
export function fmtNumber(value, digits = 1, fixed = false) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const key = digits + (fixed ? "f" : "");
  if (!numberFormats.has(key)) {
    const options = { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 };
    numberFormats.set(key, new Intl.NumberFormat(LANG === "en" ? "en" : "zh-CN", options));
  }
  return numberFormats.get(key).format(value);
}

/** The unit in the page language. */
export function unitLabel(unit) {
  if (!unit) return "";
  const key = "unit." + unit;
  const text = t(key);
  return text === key ? unit : text;
}

/** How to show a set of values of one unit: 万元 sums become 亿元 when they are large. */
export function scaleFor(unit, values) {
  if (unit === "万元") {
    const big = values.some((v) => v !== null && v !== undefined && Math.abs(v) >= 1e5);
    if (big) return { factor: 1e-4, unit: "亿元", digits: 2 };
    return { factor: 1, unit: "万元", digits: 1 };
  }
  if (unit === "%" || unit === "百分点") return { factor: 1, unit, digits: 1 };
  return { factor: 1, unit, digits: 2 };
}

/** A value formatted with a scale from scaleFor. */
export function scaled(value, scale) {
  if (value === null || value === undefined) return "—";
  return fmtNumber(value * scale.factor, scale.digits, true);
}

/** A value with its unit, e.g. "1,829.35 亿元" / "12.3 %". */
export function fmtValue(value, unit, digits) {
  const scale = scaleFor(unit, [value]);
  const d = digits === undefined ? scale.digits : digits;
  if (value === null || value === undefined) return "—";
  const u = unitLabel(scale.unit);
  return fmtNumber(value * scale.factor, d) + (u ? (u === "%" ? "%" : " " + u) : "");
}

/** A share (0–1) as a percentage. */
export function fmtShare(value, digits = 1) {
  if (value === null || value === undefined) return "—";
  return fmtNumber(value * 100, digits) + "%";
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Parse a period code of seimon.periods: 2020, 2020H1, 2020Q3, 2020-09, 2020-01..09, 2020-10-31. */
export function parsePeriod(code) {
  const s = String(code || "");
  let m;
  if ((m = /^(\d{4})$/.exec(s))) return { kind: "year", year: +m[1], start: 1, end: 12 };
  if ((m = /^(\d{4})H([12])$/.exec(s))) return { kind: "half", year: +m[1], start: m[2] === "1" ? 1 : 7, end: m[2] === "1" ? 6 : 12 };
  if ((m = /^(\d{4})Q([1-4])$/.exec(s))) return { kind: "quarter", year: +m[1], start: 3 * +m[2] - 2, end: 3 * +m[2] };
  if ((m = /^(\d{4})-(\d{2})\.\.(\d{2})$/.exec(s))) return { kind: "ytd", year: +m[1], start: +m[2], end: +m[3] };
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return { kind: "point", year: +m[1], start: +m[2], end: +m[2], day: +m[3] };
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return { kind: "month", year: +m[1], start: +m[2], end: +m[2] };
  return null;
}

/** Sort key: by end (year, month, day), then longer span first, as seimon.periods orders them. */
export function periodKey(code) {
  const p = parsePeriod(code);
  if (!p) return [0, 0, 0, 0];
  const day = p.kind === "point" ? p.day : 99;
  return [p.year, p.end, day, -(p.end - p.start)];
}

export function comparePeriods(a, b) {
  const ka = periodKey(a);
  const kb = periodKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return 0;
}

/** How a release writes the period: 2020年1-9月 / Jan–Sep 2020. */
export function periodLabel(code) {
  const p = parsePeriod(code);
  if (!p) return code == null ? "—" : String(code);
  if (LANG === "en") {
    switch (p.kind) {
      case "year": return String(p.year);
      case "half": return (p.start === 1 ? "H1 " : "H2 ") + p.year;
      case "quarter": return "Q" + p.end / 3 + " " + p.year;
      case "month": return MONTHS_EN[p.end - 1] + " " + p.year;
      case "ytd": return (p.start === p.end ? MONTHS_EN[p.end - 1] : MONTHS_EN[p.start - 1] + "–" + MONTHS_EN[p.end - 1]) + " " + p.year;
      default: return code;
    }
  }
  switch (p.kind) {
    case "year": return p.year + "年";
    case "half": return p.year + "年" + (p.start === 1 ? "上" : "下") + "半年";
    case "quarter": return p.year + "年第" + "一二三四"[p.end / 3 - 1] + "季度";
    case "month": return p.year + "年" + p.end + "月";
    case "ytd": return p.year + "年" + p.start + "-" + p.end + "月";
    default: return p.year + "年" + p.start + "月" + p.day + "日";
  }
}

/** The same period a year earlier (上年同期). */
export function priorPeriod(code) {
  const p = parsePeriod(code);
  if (!p) return null;
  return String(code).replace(/^\d{4}/, String(p.year - 1));
}

/** The latest period among rows whose value is present (not null, not suppressed). */
export function latestPeriod(rows) {
  let best = null;
  for (const r of rows) {
    if (r.value === null || r.value === undefined) continue;
    if (best === null || comparePeriods(r.period, best) > 0) best = r.period;
  }
  return best;
}

/** Distinct periods of rows, newest first. */
export function periodsOf(rows) {
  return [...new Set(rows.map((r) => r.period))].sort(comparePeriods).reverse();
}

/** "2026-11-28T02:16:00.93" → "2026-11-28 02:16". */
export function fmtTime(text) {
  if (!text) return "—";
  return String(text).replace("T", " ").slice(0, 16);
}

export const STATUSES = ["achieved", "not_achieved", "on_track", "acceleration_needed", "limited", "deteriorating", "insufficient_data"];

/** A coloured badge of a target status. */
export function statusBadge(status, label) {
  return el("span", { class: "badge status-" + status, dataset: { status } }, label || t("status." + status));
}

/** A coloured badge for a submission state, validation status or warning severity. */
export function badge(kind, value) {
  return el("span", { class: "badge " + kind + "-" + value, dataset: { [kind]: value } }, t(kind + "." + value));
}

/** Read the query string of the page as an object. */
export function query() {
  return Object.fromEntries(new URLSearchParams(window.location.search).entries());
}

/** The page's data-* attributes. */
export function pageData() {
  return document.getElementById("page").dataset;
}

/** A target's comparator and value: "≥ 1,500 万千瓦". */
export function targetText(row) {
  const value = row.target_value === null || row.target_value === undefined ? "—" : fmtNumber(row.target_value, 2);
  const unit = unitLabel(row.unit);
  return (row.comparator ? row.comparator + " " : "") + value + (unit ? (unit === "%" ? "%" : " " + unit) : "");
}

/** Text in brackets the language's way: "（2020年）" / " (2020)". */
export function paren(text) {
  return LANG === "en" ? " (" + text + ")" : "（" + text + "）";
}
