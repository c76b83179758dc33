// Reports: fill the bulletin's period list with the periods that have data (newest first); the forms
// themselves are plain GET forms to the API, so the download is the browser's own.
import { api, el, fill, periodLabel, periodsOf, t } from "./common.js";

const select = document.getElementById("bulletin-period");

api("/api/v1/indicators/sei_va", { params: { region: "130000" } })
  .then((rows) => {
    const periods = periodsOf(rows.filter((r) => r.value !== null));
    if (!periods.length) return fill(select, el("option", { value: "" }, t("overview.no_data")));
    fill(select, periods.map((p, i) => el("option", { value: p, selected: i === 0 }, periodLabel(p))));
  })
  .catch((err) => fill(select, el("option", { value: "" }, err.message)));
