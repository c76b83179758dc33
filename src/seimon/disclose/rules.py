"""The declared disclosure rules (``resources/disclose/rules.yaml``): threshold, dominance, protection level, tables.

Why a file: the thresholds are a policy of the statistical office, not a constant of the code; a bureau that
uses the (n,k) rule, or a higher protection level, edits the file (``--rules``) and every outlet follows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from seimon.declared import load_declared
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

TABLE_DIMENSIONS: tuple[str, ...] = ("plan_industry", "sei_field", "sei_item", "division", "base", "size")
REGION_TABLES: tuple[str, ...] = ("region:reporting", "region:geographic")
CROSS_PREFIX = "region:reporting×"


class Dominance(BaseModel):
    """The p % rule (``p``) or the (n,k) rule (``n`` and ``k``); exactly one of them."""

    model_config = ConfigDict(extra="forbid")

    p: float | None = Field(None, gt=0, le=100, description="p % rule")
    n: int | None = Field(None, ge=1, description="(n,k) rule: the n largest contributions …")
    k: float | None = Field(None, gt=0, le=100, description="… hold more than k % of the cell")

    @model_validator(mode="after")
    def _one_rule(self) -> Dominance:
        if (self.p is None) == (self.n is None and self.k is None) or ((self.n is None) != (self.k is None)):
            raise ValueError("give either p, or n and k / 应给出 p，或同时给出 n 与 k")
        return self

    def dominated(self, total: float, top: list[float]) -> bool:
        """Whether a cell of ``total`` with the largest contributions ``top`` (descending) is sensitive.

        >>> Dominance(p=10).dominated(100.0, [95.0, 3.0]), Dominance(p=10).dominated(100.0, [40.0, 30.0])
        (True, False)
        >>> Dominance(n=1, k=75).dominated(100.0, [80.0, 10.0])
        True
        """
        if total <= 0 or not top:
            return False
        if self.p is not None:
            x1, x2 = top[0], top[1] if len(top) > 1 else 0.0
            return total - x1 - x2 < self.p / 100 * x1
        assert self.n is not None and self.k is not None
        return sum(top[: self.n]) > self.k / 100 * total

    @property
    def label(self) -> str:
        return f"p={self.p:g}%" if self.p is not None else f"(n,k)=({self.n},{self.k:g}%)"


class Rules(BaseModel):
    """A disclosure rule file.

    >>> r = load_rules()
    >>> r.min_contributors, r.dominance.label, r.protection_percent, r.tables[0]
    (3, 'p=10%', 10.0, 'total')
    """

    model_config = ConfigDict(extra="forbid")

    min_contributors: int = Field(3, ge=1)
    dominance: Dominance = Dominance(p=10)
    protection_percent: float = Field(10.0, gt=0, le=100)
    tables: list[str] = Field(
        default_factory=lambda: ["total", *REGION_TABLES, *TABLE_DIMENSIONS, CROSS_PREFIX + "plan_industry"]
    )
    time_limit_seconds: float = Field(30.0, gt=0)
    secondary_method: Literal["lp", "optimal"] = Field(
        "lp", description="lp: LP relaxation rounded up and pruned; optimal: then the MIP (docs/disclosure.md)"
    )

    @field_validator("tables")
    @classmethod
    def _known_tables(cls, tables: list[str]) -> list[str]:
        known = {"total", *REGION_TABLES, *TABLE_DIMENSIONS, *(CROSS_PREFIX + d for d in TABLE_DIMENSIONS)}
        for table in tables:
            if table not in known:
                raise ValueError(f"unknown table {table} / 未知的表；可用 / known: {', '.join(sorted(known))}")
        if "total" not in tables:
            raise ValueError("the tables must include total / 须包括 total")
        return tables


def load_rules(path: Path | str | None = None) -> Rules:
    """Read and validate a rule file; without a path, the packaged ``disclose/rules.yaml``.

    Errors name the file, the line and the field.
    """
    file = Path(path) if path is not None else resource_path("disclose", "rules.yaml")
    title = ("保密规则无效：", "invalid disclosure rules: ")
    return load_declared(file, Rules, code="invalid_value", empty_ok=True, title=title)[0]


Reason = Literal["threshold", "dominance"]
