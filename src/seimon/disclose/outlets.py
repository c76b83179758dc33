"""Appraisal results and target series as a role without microdata may see them.

Why here: an appraisal ranks cities and bases on indicators computed from enterprise reports (a base's R&D
intensity may rest on two enterprises), and a score is a known function of the value — min-max scores of the
published units give back the scale, and then any unit's value from its score. So for every unit whose cell
the public edition withholds (:mod:`seimon.disclose.public`: a city in the reporting view, a base in the
``base`` table), the indicator's value and score are withheld, and so is every pillar score that contains it
(a pillar is a weighted mean: its score and the other indicators' scores would give the withheld one). The
composite index and rank stay: they are what the appraisal is for, and they mix every pillar of the unit.

Target series (``/api/v1/targets``) are province figures; a point on a withheld cell loses its value the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from seimon.appraise.appraisal import Appraisal
from seimon.disclose.cells import CellId
from seimon.disclose.public import Decisions, protected_indicators
from seimon.disclose.rules import Rules, load_rules
from seimon.errors import SeimonError
from seimon.indicators.query import ytd_key_for
from seimon.indicators.registry import Registry, load_registry
from seimon.reference.regions import PROVINCE_CODE
from seimon.store import Store

logger = logging.getLogger(__name__)

UNIT_TABLES: dict[str, str] = {"cities": "region:reporting", "bases": "base"}
"""The release table an appraised unit is a cell of (departments rest on registers, not on enterprises)."""


def _deciding(registry: Registry, source: Mapping[str, Any] | None) -> list[str]:
    """The patterns that decide an appraisal indicator: its indicator's and its denominator's."""
    if not source or source.get("kind", "indicator") != "indicator":
        return []
    names = [n for n in (source.get("indicator"), source.get("denominator")) if n and n in registry]
    return sorted({p for n in names for p in protected_indicators(registry, n)})


def protect_appraisal(
    store: Store,
    data: Mapping[str, Any],
    *,
    keep_unit: str | None = None,
    registry: Registry | None = None,
    rules: Rules | None = None,
    vintage: str | None = None,
) -> dict[str, Any]:
    """``data`` (``Appraisal.to_dict()``) with each withheld unit × indicator's value and score set to None (and
    listed in the unit's ``suppressed``), the pillar scores containing one and the unit's composite score set to
    None (its rank and rank interval stay). ``keep_unit``: a
    unit shown whole (a city user's own city: its microdata are the user's to see). ``vintage``: the appraisal
    read the data as published by that day (YYYY-MM-DD), and so does the pattern.

    >>> from seimon.store import open_store
    >>> d = {"kind": "bases", "year": 2019, "indicators": [{"id": "rd", "pillar": "q",
    ...      "source": {"kind": "indicator", "indicator": "sei_rd_intensity"}}], "winsorised": [],
    ...      "units": [{"unit": "b1", "pillars": {"q": 40.0}, "indicators": {"rd": {"value": 2.1, "score": 40.0}}}]}
    >>> with open_store("duckdb:///:memory:") as s:  # no enterprise behind base b1: nothing to withhold
    ...     protect_appraisal(s, d)["units"][0]["indicators"]["rd"]
    {'value': 2.1, 'score': 40.0}
    """
    registry = registry or load_registry()
    table = UNIT_TABLES.get(str(data.get("kind")))
    if table is None:
        return dict(data)
    decisions = Decisions(store, registry, rules or load_rules(), vintage)
    period = (int(data["year"]), 12)
    specs = {i["id"]: i for i in data.get("indicators", [])}
    deciding = {i: _deciding(registry, s.get("source")) for i, s in specs.items()}
    hidden_pairs: set[tuple[str, str]] = set()
    hidden_pillars: set[str] = set()
    units = []
    for unit in data["units"]:
        cell: CellId = (table, (str(unit["unit"]),))
        withheld = [] if unit["unit"] == keep_unit else [
            i for i, names in deciding.items()
            if names and i in unit.get("indicators", {}) and any(decisions.withheld(n, period, cell) for n in names)
        ]  # fmt: skip
        if not withheld:
            units.append(dict(unit))
            continue
        hidden_pairs |= {(i, unit["unit"]) for i in withheld}
        pillars = {specs[i]["pillar"] for i in withheld}
        if unit.get("rank") is not None:
            hidden_pillars |= pillars
        indicators = {
            k: (
                {"value": None, "score": None, "missing": v.get("missing", False), "suppressed": True}
                if k in withheld
                else v
            )
            for k, v in unit["indicators"].items()
        }
        units.append(
            {
                **unit,
                "score": None,  # the composite less the published pillars would give the withheld pillar back
                "indicators": indicators,
                "pillars": {p: (None if p in pillars else s) for p, s in unit.get("pillars", {}).items()},
                "suppressed": sorted(withheld),
            }
        )
    winsorised = [w for w in data.get("winsorised", []) if (w.get("indicator"), w.get("unit")) not in hidden_pairs]
    # the average of a pillar over the ranked units less the published ones gives a withheld unit's pillar back
    averages = {p: (None if p in hidden_pillars else v) for p, v in (data.get("averages") or {}).items()}
    logger.debug("appraisal: %d unit × indicator values withheld", len(hidden_pairs))
    return {**data, "units": units, "winsorised": winsorised, "averages": averages}


def protect_appraisal_result(store: Store, result: Appraisal, *, vintage: str | None = None) -> Appraisal:
    """``result`` as a public document may show it: the decisions of :func:`protect_appraisal` applied to the
    appraisal itself (withheld indicator values and scores, their pillars, the composite score and the pillar
    averages set to None), for the appraisal bulletin, which is always public.

    >>> from seimon.store import open_store
    >>> empty = Appraisal.__new__(Appraisal)
    >>> with open_store("duckdb:///:memory:") as s:  # a kind without a disclosure table: returned as it is
    ...     empty.kind = "departments"
    ...     protect_appraisal_result(s, empty) is empty
    True
    """
    if result.kind not in UNIT_TABLES:
        return result
    shown = protect_appraisal(store, result.to_dict(), vintage=vintage)
    hidden = {str(u["unit"]): set(u["suppressed"]) for u in shown["units"] if u.get("suppressed")}
    if not hidden:
        return result
    pillar_of = {str(i["id"]): str(i["pillar"]) for i in result.indicators}
    units = []
    for unit in result.units:
        gone = hidden.get(unit.unit)
        if not gone:
            units.append(unit)
            continue
        pillars = {pillar_of[i] for i in gone}
        units.append(
            replace(
                unit,
                score=None,
                pillars={p: (None if p in pillars else v) for p, v in unit.pillars.items()},
                indicators={
                    k: ({**v, "value": None, "score": None, "suppressed": True} if k in gone else v)
                    for k, v in unit.indicators.items()
                },
            )
        )
    return replace(result, units=units, averages=dict(shown["averages"]), winsorised=list(shown["winsorised"]))


def protect_points(
    store: Store,
    indicator: str | None,
    points: Iterable[Mapping[str, Any]],
    *,
    decisions: Decisions | None = None,
    registry: Registry | None = None,
) -> list[dict[str, Any]]:
    """A province series (``{"period": …, "value": …}``) with the points on withheld cells set to None.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     protect_points(s, "pv_capacity", [{"period": "2019", "value": 1.0}])
    [{'period': '2019', 'value': 1.0, 'suppressed': False}]
    """
    registry = registry or load_registry()
    names = protected_indicators(registry, indicator) if indicator and indicator in registry else []
    decisions = decisions or Decisions(store, registry, load_rules())
    out = []
    for p in points:
        hidden = False
        if names:
            try:
                key = ytd_key_for(str(p["period"]))
            except SeimonError:
                hidden = True
            else:
                hidden = any(decisions.withheld(n, key, ("total", (PROVINCE_CODE,))) for n in names)
        out.append({**p, "value": None if hidden else p["value"], "suppressed": hidden})
    return out
