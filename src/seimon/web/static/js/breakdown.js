// A target's breakdown to the cities and its lead and partner departments (目标分解与责任), read from
// /api/v1/responsibilities; users who may edit the registers set a row through PUT (a new version from now).
import { api, el, fill, fmtNumber, messageRow, t } from "./common.js";
import { regionNames } from "./planlinks.js";

const NUMBERS = new Set(["year", "value"]);

function dash(v) {
  return v === null || v === undefined || v === "" ? "—" : v;
}

function render(doc, targetId, names) {
  const rows = doc.rows.filter((r) => r.target === targetId);
  rows.sort((a, b) => a.year - b.year || a.region.localeCompare(b.region));
  const tbody = document.querySelector("#breakdown-table tbody");
  const duty = doc.duties[targetId];
  document.getElementById("breakdown-duty").textContent = duty
    ? t("breakdown.duty", { lead: dash(duty.lead), partners: duty.partners.length ? duty.partners.join("、") : "—" })
    : t("breakdown.none");
  if (!rows.length) {
    messageRow(tbody, t("breakdown.none"));
  } else {
    fill(
      tbody,
      rows.map((r) =>
        el(
          "tr",
          { dataset: { region: r.region, year: String(r.year) } },
          el("td", null, (names.get(r.region) || r.region) + " " + r.region),
          el("td", null, String(r.year)),
          el("td", { class: "num" }, r.value === null ? "—" : fmtNumber(r.value, 2)),
          el("td", null, dash(r.unit)),
          el("td", null, dash(r.lead)),
          el("td", null, r.partners.length ? r.partners.join("、") : "—"),
          el("td", null, dash(r.note)),
        ),
      ),
    );
  }
  const checks = doc.consistency.filter((c) => c.target === targetId && c.additive);
  fill(
    document.getElementById("breakdown-consistency"),
    checks.map((c) =>
      el(
        "li",
        { dataset: { year: String(c.year), consistent: String(c.consistent) } },
        t(c.consistent === false ? "breakdown.inconsistent" : "breakdown.consistent", {
          year: c.year, sum: fmtNumber(c.parts_sum, 2), province: c.province === null ? "—" : fmtNumber(c.province, 2), parts: c.parts,
        }),
      ),
    ),
  );
}

async function load(targetId) {
  const tbody = document.querySelector("#breakdown-table tbody");
  try {
    const [doc, names] = await Promise.all([api("/api/v1/responsibilities"), regionNames()]);
    render(doc, targetId, names);
  } catch (err) {
    messageRow(tbody, err.message, "error");
  }
}

function wire(form, targetId) {
  const error = document.getElementById("breakdown-form-error");
  const ok = document.getElementById("breakdown-form-ok");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    ok.hidden = true;
    const body = { target: targetId };
    for (const input of form.elements) {
      if (!input.name) continue;
      const v = input.value.trim();
      if (v !== "") body[input.name] = NUMBERS.has(input.name) ? Number(v) : v;
    }
    try {
      const result = await api("/api/v1/responsibilities", { method: "PUT", json: body });
      ok.textContent = t(result.status === "unchanged" ? "edit.unchanged" : "edit.saved", { id: targetId });
      ok.hidden = false;
      await load(targetId);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
}

/** Show the breakdown of one target, and wire the edit form when the page has one. */
export function showBreakdown(targetId) {
  const form = document.getElementById("breakdown-form");
  if (form) wire(form, targetId);
  return load(targetId);
}
