"""Early-warning rules as declared data: a YAML rule set validated by pydantic, with an exportable JSON Schema.

Which checks a monitoring office runs, and with which thresholds, is policy, not code (tenet 3, "declare, then
compile"): ``resources/warnings/default.yaml`` holds the default set, a user file can replace it, and a typo in a
rule is a located, bilingual error rather than a silently ignored key. Each rule type has its own model (the
``type`` field picks it) and its own evaluator module in this package.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from seimon.declared import load_declared
from seimon.reference.regions import PROVINCE_CODE
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

Severity = Literal["info", "warning", "critical"]
SEVERITY_ZH: dict[str, str] = {"info": "提示", "warning": "预警", "critical": "严重"}


class RuleBase(BaseModel):
    """Fields every rule has: a unique id, a severity, and whether its warnings are internal only."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="规则标识 / rule id")
    severity: Severity = "warning"
    enabled: bool = True
    internal: bool = Field(False, description="仅限内部（不对外发布）/ internal only, never published")
    description_zh: str | None = None
    description_en: str | None = None


class StatusDowngradeRule(RuleBase):
    """A target's status is worse than at the previous as-of (``months_back`` earlier, one quarter by default)."""

    type: Literal["status_downgrade"]
    months_back: int = Field(3, ge=1, le=36)
    method: Literal["opensdg", "linear", "extrapolation"] = "opensdg"
    critical_steps: int = Field(2, ge=1, description="下降几级为严重 / steps down that make it critical")


class ConsecutiveDeclineRule(RuleBase):
    """A monthly year-to-date growth series below ``threshold`` (a year-on-year decline) for ``months`` in a row."""

    type: Literal["consecutive_decline"]
    indicator: str = "sei_va_real_growth"
    months: int = Field(3, ge=1, le=24)
    threshold: float = 0.0
    region: str = PROVINCE_CODE
    by_region: bool = True


class GrowthGapRule(RuleBase):
    """SEI growth below the growth of all above-scale industry (the gap in 百分点 below ``threshold``)."""

    type: Literal["growth_below_industry"]
    indicator: str = "sei_growth_gap"
    threshold: float = 0.0
    region: str = PROVINCE_CODE
    by_region: bool = True


class RankingBottomRule(RuleBase):
    """A city (``by: region``) or base (``by: base``) in the bottom ``bottom`` places of its ranking."""

    type: Literal["ranking_bottom"]
    indicator: str = "sei_va_real_growth"
    by: Literal["region", "base"] = "region"
    bottom: int = Field(1, ge=1)
    higher_is_better: bool = True
    region: str = PROVINCE_CODE


class OutlierRule(RuleBase):
    """The latest value unusual against its own history: z-score, modified z (MAD), or the same-month band."""

    type: Literal["outlier"]
    indicator: str = "sei_va"
    methods: list[Literal["z", "mad", "band"]] = Field(default_factory=lambda: ["z", "mad", "band"], min_length=1)
    z_threshold: float = Field(3.0, gt=0)
    mad_threshold: float = Field(3.5, gt=0)
    min_history: int = Field(6, ge=3, description="z/MAD 所需历史期数 / history points needed for z and MAD")
    band_years: int = Field(3, ge=1, description="同月区间取前几年 / years of the same-month band")
    band_tolerance: float = Field(0.10, ge=0, description="区间外扩比例 / band widened by this share")
    region: str = PROVINCE_CODE
    by_region: bool = True


class CompletenessRule(RuleBase):
    """Reporting completeness (enterprises in the register that reported) or timeliness below a threshold."""

    type: Literal["reporting_completeness"]
    min_completeness: float = Field(0.95, ge=0, le=1)
    min_timeliness: float = Field(0.80, ge=0, le=1)
    due_days: int = Field(
        20, ge=0, description="期末后几日内报送为及时 / days after the period end that count as on time"
    )
    dormant_months: int = Field(
        12,
        ge=1,
        description="最近一次报表后连续几个月未报即视为退出 / months without a report after the last one that count "
        "as an exit",
    )


class EnterpriseDropRule(RuleBase):
    """Enterprises whose value added fell sharply on the same-enterprise basis. Always internal (confidential)."""

    type: Literal["enterprise_drop"]
    drop: float = Field(0.30, gt=0, lt=1, description="同比下降比例 / year-on-year fall, 0.30 = 30%")
    min_prior: float = Field(1000.0, ge=0, description="上年同期增加值下限（万元）/ minimum prior value, 万元")
    internal: bool = True

    @model_validator(mode="after")
    def _always_internal(self) -> EnterpriseDropRule:
        if not self.internal:
            raise ValueError("enterprise_drop warnings identify enterprises: internal must be true / 必须仅限内部")
        return self


class ProjectScheduleRule(RuleBase):
    """Projects of the register behind schedule: overdue, investment lagging the time elapsed, halted, late start.

    Each warning keeps the severity the project's state earns (an overdue project is worse than a small lag).
    """

    type: Literal["project_schedule"]
    lag: float = Field(
        0.2, gt=0, lt=1, description="投资完成率落后于时间进度的容忍度 / how far investment may trail the time elapsed"
    )


Rule = Annotated[
    StatusDowngradeRule
    | ConsecutiveDeclineRule
    | GrowthGapRule
    | RankingBottomRule
    | OutlierRule
    | CompletenessRule
    | EnterpriseDropRule
    | ProjectScheduleRule,
    Field(discriminator="type"),
]


class RuleSet(BaseModel):
    """A warning rule file: its public source and the rules.

    >>> RuleSet.model_validate({"rules": [{"id": "gap", "type": "growth_below_industry"}]}).rules[0].threshold
    0.0
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"title": "SEI Monitor warning rules / 预警规则", "description": "seimon warnings"},
    )

    source: str | None = None
    rules: list[Rule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id} / 规则标识重复")
            seen.add(rule.id)
        return self


def load_rules(path: Path | str | None = None) -> RuleSet:
    """Read and validate a rule file; without a path, the packaged ``warnings/default.yaml``.

    >>> sorted({r.type for r in load_rules().rules}) == sorted(
    ...     ["status_downgrade", "consecutive_decline", "growth_below_industry", "ranking_bottom", "outlier",
    ...      "reporting_completeness", "enterprise_drop", "project_schedule"])
    True
    """
    file = Path(path) if path is not None else resource_path("warnings", "default.yaml")
    rules, _ = load_declared(
        file, RuleSet, code="invalid_value", empty_ok=True, title=("预警规则无效：", "invalid warning rule: ")
    )
    logger.debug("loaded %d warning rules from %s", len(rules.rules), file)
    return rules


def rules_json_schema() -> str:
    """The JSON Schema of a rule file, for editors.

    >>> '"status_downgrade"' in rules_json_schema()
    True
    """
    return json.dumps(TypeAdapter(RuleSet).json_schema(mode="validation"), ensure_ascii=False, indent=2) + "\n"
