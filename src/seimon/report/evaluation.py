"""Build the plan evaluation report (规划实施评估报告) as of a date, from :func:`seimon.assess.report.assess_plan`.

The target table shows each assessment's baseline, latest value, target, status, method and forecast, rounded once;
the overall judgement counts statuses from the same rows. Sections per industry, national base and major project
list the targets scoped to them; problems come from :func:`seimon.assess.warnings.run_warnings`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.report import TargetAssessment, assess_plan, evaluation_form, status_counts_by_method
from seimon.assess.status import STATUS_LABELS
from seimon.assess.warnings import run_warnings
from seimon.errors import Location, SeimonError
from seimon.evaluation.records import get_evaluation, signed_for
from seimon.plan import Plan, load_plan
from seimon.report import charts, narrative
from seimon.report.bulletin import warning_counts_table
from seimon.report.content import SUPPRESSED, Chart, Evaluation, Lang, Section, Table, fmt_num, tr
from seimon.report.numbering import Numbering
from seimon.report.opinions import Opinions, opinions_section, qualitative_rows, signature_section
from seimon.report.tracking import tracking_section
from seimon.store import Store

logger = logging.getLogger(__name__)

MAX_PROBLEMS = 30
MAX_TRENDS = 4
METHOD_LABELS = {"opensdg": "Open SDG"}  # short enough not to wrap in a narrow column


def _num(value: float | None) -> str:
    """Target values span 0.5 to 10000: two significant decimals for small values, one otherwise."""
    if value is None:
        return SUPPRESSED
    return fmt_num(value, 2 if abs(value) < 10 else 1)


def _columns(lang: Lang) -> list[str]:
    return [
        tr(lang, "目标", "target"),
        tr(lang, "单位", "unit"),
        tr(lang, "基期值", "baseline"),
        tr(lang, "最新值", "latest"),
        tr(lang, "目标值", "target value"),
        tr(lang, "状态", "status"),
        tr(lang, "方法", "method"),
        tr(lang, "预测值（区间）", "forecast (interval)"),
    ]


def _row(d: dict[str, Any], lang: Lang) -> list[str]:
    # Chinese tables bracket a period in full-width parentheses and write a range with ～; English ones use ASCII
    # parentheses and an en dash.
    left, right, to = ("（", "）", "～") if lang == "zh" else ("(", ")", "–")
    fc = d["forecast"] or {}
    forecast = SUPPRESSED
    if fc.get("value") is not None:
        forecast = _num(fc["value"])
        if fc.get("lower") is not None and fc.get("upper") is not None:
            forecast += f"\n{left}{_num(fc['lower'])}{to}{_num(fc['upper'])}{right}"
    latest = _num(d["latest_value"])
    if d["latest_period"]:
        latest += f"\n{left}{d['latest_period']}{right}"
    baseline = _num(d["baseline_value"])
    if d["baseline_period"]:
        baseline += f"\n{left}{d['baseline_period']}{right}"
    return [
        d["name_zh"] if lang == "zh" else d["name_en"],
        narrative.unit_label(d["unit"], lang),
        baseline,
        latest,
        f"{d['comparator']}{_num(d['target_value'])}\n{left}{d['deadline']}{right}",
        d["status_zh"] if lang == "zh" else d["status_en"],
        METHOD_LABELS.get(d["method"], d["method"]),
        forecast,
    ]


def _trend(a: TargetAssessment, d: dict[str, Any], lang: Lang) -> Chart | None:
    if len(a.kept) < 2:
        return None
    factor = getattr(a, "factor", 1.0) or 1.0
    points = [(o.t, o.value * factor) for o in a.kept]
    deadline_t = a.forecast.deadline_t if a.forecast is not None else float(d["deadline"]) + 1.0  # end of year
    target = (deadline_t, d["target_value"]) if d["target_value"] is not None else None
    fc = d["forecast"] or {}
    forecast = None
    if fc.get("value") is not None:
        forecast = (deadline_t, fc["value"], fc.get("lower"), fc.get("upper"))
    name = d["name_zh"] if lang == "zh" else d["name_en"]
    return charts.trend_chart(
        f"trend_{a.target.id}",
        name,
        points,
        narrative.unit_label(d["unit"], lang),
        lang,
        target=target,
        forecast=forecast,
        caption=tr(
            lang,
            "实线为实际值，虚线为预测，阴影为预测区间，点线为规划目标。",
            "Solid: actual; dashed: forecast; shaded: interval; dotted: target.",
        ),
    )


def _scoped_section(  # noqa: PLR0917 - one section of three alike
    numbering: Numbering,
    heading: tuple[str, str],
    table: tuple[str, str],
    rows: list[tuple[str, list[dict[str, Any]]]],
    lang: Lang,
    key: str,
) -> Section:
    """One section of targets scoped to a plan industry, base or project: a sentence each, and one table of them all
    (numbered as the next table, not titled with the section's heading)."""
    sec = Section(numbering.section(*heading))
    for name, found in rows:
        if not found:
            sec.paragraphs.append(tr(lang, f"{name}：规划未设该项量化目标。", f"{name}: no quantitative target."))
            continue
        statuses = "、".join(f"{_row(d, lang)[0]}（{_row(d, lang)[5]}）" for d in found)
        sec.paragraphs.append(
            tr(
                lang,
                f"{name}：{statuses}。",
                f"{name}: " + "; ".join(f"{_row(d, lang)[0]} ({_row(d, lang)[5]})" for d in found) + ".",
            )
        )
    flat = [_row(d, lang) for _, found in rows for d in found]
    if flat:
        sec.tables.append(Table(key, numbering.table(*table), _columns(lang), flat))
    return sec


def _qualitative_table(plan: Any, lang: Lang, title: str, opinions: Opinions | None = None) -> Table:
    """The plan's qualitative commitments beside the quantitative ones: what they say, the evidence a judgement
    needs, and the judgement (the third-party evaluator's, with its reason, once an evaluation has judged them)."""
    en = lang != "zh"
    rows = (
        qualitative_rows(plan, opinions, lang)
        if opinions is not None
        else [
            [
                q.name_en if en else q.name_zh,
                str(q.deadline),
                (q.evidence_en if en else q.evidence_zh) or "—",
                tr(lang, "待评估（由评估人依据证据判断）", "pending (an evaluator judges it on evidence)"),
            ]
            for q in plan.qualitative_targets
        ]
    )
    return Table(
        "qualitative_targets",
        title,
        [
            tr(lang, "目标", "target"),
            tr(lang, "期限", "deadline"),
            tr(lang, "判断所需证据", "evidence needed"),
            tr(lang, "评估结论", "judgement"),
        ],
        rows,
    )


def _form_paragraph(plan: Any, found: list[TargetAssessment], as_of: dt.date, form: str, lang: Lang) -> str:
    """What kind of evaluation this is: mid-term (progress and prospects) or final (verdicts, and what awaits data)."""
    start, end = plan.metadata.period_start, plan.metadata.period_end
    if form == "midterm":
        elapsed = max(0.0, min(1.0, ((as_of - dt.date(start, 1, 1)).days + 1) / 365.25 / (end - start + 1)))
        return tr(
            lang,
            f"本报告为规划实施中期评估。规划期为{start}—{end}年，至评估基准日已过{elapsed:.0%}；"
            "报告评价各项目标的进展是否与时间进度相称，并预测其到期实现的可能。",
            f"This is the mid-term evaluation. The plan runs {start}–{end}; {elapsed:.0%} of it has passed by the "
            "as-of date. The report judges whether each target's progress keeps pace with time and forecasts "
            "whether it will be met.",
        )
    final = [a for a in found if a.result.final]
    met = sum(1 for a in final if a.status == "achieved")
    pending = len(found) - len(final)
    return tr(
        lang,
        f"本报告为规划实施总结评估。规划期已于{end}年结束：期限年度数据已发布的{len(final)}项目标给出是否实现的结论"
        f"（实现{met}项，未实现{len(final) - met}项）；其余{pending}项的期限年度数据截至评估基准日尚未发布或缺失，"
        "按最新数据与预测给出预判，待数据发布后确认。",
        f"This is the final evaluation. The plan period ended in {end}: the {len(final)} targets whose deadline "
        f"figures are published get a verdict ({met} achieved, {len(final) - met} not achieved); for the other "
        f"{pending}, the deadline figures were not yet published (or are missing) at the as-of date, so the latest "
        "data and forecasts give a provisional judgement, to be confirmed when they are.",
    )


def _methods_paragraph(counts: dict[str, dict[str, int]], method: str, lang: Lang) -> str:
    """The status counts under each method, so that the reader sees how much the picture depends on the method."""
    names = {
        "opensdg": ("开放可持续发展目标（Open SDG）方法", "the Open SDG method"),
        "linear": ("线性（时间过半、任务过半）方法", "the linear method"),
        "extrapolation": ("趋势外推方法", "extrapolation"),
    }
    zh_parts, en_parts = [], []
    for m, tally in counts.items():
        on = tally.get("on_track", 0) + tally.get("achieved", 0)
        zh_parts.append(f"{names[m][0]}{on}项")
        en_parts.append(f"{names[m][1]} {on}")
    label_zh = STATUS_LABELS["on_track"][0]
    return tr(
        lang,
        f"本报告采用{names.get(method, (method, method))[0]}。不同方法对同一数据的判断不同："
        f"判为“{label_zh}”或已实现的目标，"
        + "，".join(zh_parts)
        + "。前者比较实际与所需年均增速，线性方法比较完成进度与时间进度，外推方法按趋势推算到期值；"
        "状态还须与预测一致：达标概率低于50%的目标不判为按计划推进。",
        f"This report uses {names.get(method, (method, method))[1]}. The methods read the same data differently; "
        "targets on track or achieved: "
        + ", ".join(en_parts)
        + ". Open SDG compares observed and required growth rates, the linear method the share of the way against "
        "the share of the time, extrapolation projects the trend to the deadline; a status must also agree with "
        "the forecast: a target with a chance of being met below 50% is not called on track.",
    )


def _chosen_evaluation(store: Store, as_of: dt.date | None, evaluation_id: int | None) -> tuple[dt.date, int | None]:
    """The as-of date and the third-party evaluation the report carries: the one named, else the latest signed one
    of that date (None: the report has the platform's assessment only)."""
    if evaluation_id is None:
        if as_of is None:
            raise SeimonError(
                "须给出评估日期或评估编号",
                "give an as-of date or an evaluation id",
                Location(field="--as-of"),
                "bad_option",
            )
        return as_of, signed_for(store, as_of)
    found = get_evaluation(store, evaluation_id)
    day = dt.date.fromisoformat(found["as_of"])
    if as_of is not None and as_of != day:
        raise SeimonError(
            f"评估 {evaluation_id} 的基准日为 {day}，与所给日期 {as_of} 不符",
            f"evaluation {evaluation_id} is as of {day}, not {as_of}",
            Location(field="--as-of"),
            "bad_option",
        )
    return day, evaluation_id


@dataclass
class _Context:
    """What every section builder of one evaluation report shares: the date, the assessments and the numbering."""

    store: Store
    as_of: dt.date
    lang: Lang
    plan: Plan
    found: list[TargetAssessment]
    opinions: Opinions | None
    numbering: Numbering
    dicts: dict[str, dict[str, Any]] = field(init=False)  # to_dict once: rows, sections and charts all read it
    rows: list[list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.dicts = {a.target.id: a.to_dict() for a in self.found}
        self.rows = [_row(self.dicts[a.target.id], self.lang) for a in self.found]

    @property
    def form(self) -> str:
        """``midterm`` or ``final``: the third-party evaluation's kind, else what the date makes it."""
        if self.opinions is not None:
            return str(self.opinions.evaluation["kind"])
        return evaluation_form(self.plan, self.as_of)

    def scoped(self, kind: str, ident: str, ids: list[str] | None = None) -> list[dict[str, Any]]:
        """The targets of one industry, base or project: those scoped to it, then those it names."""
        by_id = {a.target.id: a for a in self.found}
        picked = [a for a in self.found if a.target.scope.type == kind and a.target.scope.id == ident]
        for i in ids or []:
            if i in by_id and by_id[i] not in picked:
                picked.append(by_id[i])
        return [self.dicts[a.target.id] for a in picked]


def _overall(ctx: _Context) -> Section:
    """一、总体评价: the form of the evaluation, the status counts, the methods used."""
    lang = ctx.lang
    counts = Counter(r[5] for r in ctx.rows)
    order = [r[5] for r in ctx.rows]
    ranked = sorted(counts.items(), key=lambda kv: order.index(kv[0]))
    heading = ctx.numbering.section("总体评价", "Overall judgement")
    status_table = Table(
        "status_counts",
        ctx.numbering.table("目标进展状态汇总", "Targets by status"),
        [tr(lang, "状态", "status"), tr(lang, "目标数（项）", "targets")],
        [[k, str(v)] for k, v in ranked] + [[tr(lang, "合计", "total"), str(len(ctx.rows))]],
    )
    method = ctx.found[0].method if ctx.found else ""
    return Section(
        heading,
        [
            _form_paragraph(ctx.plan, ctx.found, ctx.as_of, ctx.form, lang),
            narrative.overall([(k, str(v)) for k, v in ranked], str(len(ctx.rows)), lang),
            _methods_paragraph(status_counts_by_method(ctx.store, ctx.plan, ctx.found), method, lang),
        ],
        [status_table],
    )


def _progress(ctx: _Context) -> Section:
    """二、目标进展: every quantitative target, the qualitative ones, and trend charts of the first few."""
    lang = ctx.lang
    trends = [
        c
        for a in ctx.found
        if a.result.latest_value is not None and (c := _trend(a, ctx.dicts[a.target.id], lang)) is not None
    ]
    heading = ctx.numbering.section("目标进展", "Progress by target")
    targets = Table("targets", ctx.numbering.table("规划目标进展", "Plan targets"), _columns(lang), ctx.rows)
    qualitative = _qualitative_table(
        ctx.plan, lang, ctx.numbering.table("定性目标", "Qualitative targets"), ctx.opinions
    )
    return Section(
        heading,
        [
            tr(
                lang,
                f"评估日期为{ctx.as_of.isoformat()}，此后发布或修订的数据不计入。",
                f"As of {ctx.as_of.isoformat()}; data published or revised later are not counted.",
            )
        ],
        [targets, qualitative],
        trends[:MAX_TRENDS],
    )


def _scoped_sections(ctx: _Context) -> list[Section]:
    """三至五: by plan industry, by national base, by major project."""
    t_lang = "zh" if ctx.lang == "zh" else "en"
    plan, n = ctx.plan, ctx.numbering
    national = [b for b in plan.bases if b.level == "national"]
    return [
        _scoped_section(
            n,
            ("分产业评价", "By industry"),
            ("分产业目标进展", "Targets by industry"),
            [(getattr(i, f"name_{t_lang}"), ctx.scoped("industry", i.id)) for i in plan.industries],
            ctx.lang,
            "industries",
        ),
        _scoped_section(
            n,
            ("国家级基地评价", "National bases"),
            ("国家级基地目标进展", "Targets of national bases"),
            [(getattr(b, f"name_{t_lang}") or b.id, ctx.scoped("base", b.id, b.targets)) for b in national],
            ctx.lang,
            "bases",
        ),
        _scoped_section(
            n,
            ("重大工程评价", "Major projects"),
            ("重大工程目标进展", "Targets of major projects"),
            [(getattr(p, f"name_{t_lang}"), ctx.scoped("project", p.id, p.targets)) for p in plan.projects],
            ctx.lang,
            "projects",
        ),
    ]


def _problems(ctx: _Context) -> Section:
    """存在的问题: the warnings raised as of the date, counted and listed."""
    lang = ctx.lang
    problems = run_warnings(ctx.store, as_of=ctx.as_of, plan=ctx.plan)
    heading = ctx.numbering.section("存在的问题", "Problems found")
    tables = [
        warning_counts_table(problems, lang, "problem_counts", ctx.numbering.table("问题汇总", "Problems by severity"))
    ]
    if problems:  # an empty detail table would be a header alone
        details = [
            [w.to_dict()["severity_zh"] if lang == "zh" else w.severity, w.message_zh if lang == "zh" else w.message_en]
            for w in problems[:MAX_PROBLEMS]
        ]
        tables.append(
            Table(
                "problems",
                ctx.numbering.table("预警发现的问题", "Problems from warnings"),
                [tr(lang, "级别", "severity"), tr(lang, "内容", "message")],
                details,
            )
        )
    text = tr(lang, f"监测预警规则共发现{len(problems)}个问题。", f"The warning rules found {len(problems)} problems.")
    return Section(heading, [text], tables)


def _tracking(ctx: _Context) -> Section:
    """重点项目与任务落实 as of the date (seimon.report.tracking)."""
    heading = ctx.numbering.section("重点项目与任务落实", "Projects and tasks")
    section = tracking_section(ctx.store, ctx.as_of, ctx.lang, heading=heading, first_table=ctx.numbering.next_table)
    ctx.numbering.took_tables(len(section.tables))
    return section


def _methods_annex(ctx: _Context) -> Section:
    """附件：评估方法 (an annex: not numbered among the sections)."""
    lang, as_of = ctx.lang, ctx.as_of
    sources = Counter(d["source"] for d in ctx.dicts.values())
    return Section(
        tr(lang, "附件：评估方法", "Annex: methodology"),
        [
            tr(
                lang,
                "进展评估采用开放可持续发展目标（Open SDG）方法：观测年均增速 CAGR_obs = (v_t/v_0)^(1/(t−t_0)) − 1，"
                "所需年均增速 CAGR_req = (目标值/v_0)^(1/(T−t_0)) − 1，比值 R = 方向 × CAGR_obs / |CAGR_req|；"
                "R ≥ 0.95 为按计划推进，0.6～0.95 为需加快推进，0～0.6 为进展有限，小于0 为逆向变化；"
                "最新值达到目标为已实现。",
                "Progress uses the Open SDG method: CAGR_obs = (v_t/v_0)^(1/(t−t_0)) − 1, CAGR_req = "
                "(target/v_0)^(1/(T−t_0)) − 1, R = direction × CAGR_obs / |CAGR_req|; R ≥ 0.95 on track, 0.6–0.95 "
                "acceleration needed, 0–0.6 limited, < 0 deteriorating; achieved once the latest value meets the "
                "target.",
            ),
            tr(
                lang,
                "预测在观测点少于10个时采用漂移、线性、年均增速等简单方法，并给出80%预测区间与回测误差。",
                "Forecasts use simple baselines (drift, linear, CAGR) below 10 points, with 80% intervals and "
                "back-test errors.",
            ),
            tr(
                lang,
                "数据来源："
                + "；".join(f"{k} {v}项" for k, v in sources.items())
                + "。企业报表数据为规模以上工业统计联网直报（可靠性高），公开发布观测值按发布口径登记可靠性等级；"
                f"数据版本为截至{as_of.isoformat()}已发布的最新版本。",
                "Data sources: "
                + "; ".join(f"{k} {v}" for k, v in sources.items())
                + ". Enterprise reports come from above-scale industry statistics (high reliability); published "
                f"observations carry their reliability grade; vintages: latest published by {as_of.isoformat()}.",
            ),
        ],
    )


def build_evaluation(
    store: Store, as_of: dt.date | None, lang: Lang = "zh", *, evaluation_id: int | None = None
) -> Evaluation:
    """The evaluation report of the plan as of ``as_of`` (data published later are ignored).

    Its form follows the date: a mid-term evaluation (中期评估) within the plan period, a final one (总结评估)
    once it has ended, with verdicts for the targets whose deadline figures are known. With a third-party
    evaluation (``evaluation_id``, or else the latest one signed as of the same date) the form is that
    evaluation's kind, the evaluator's opinions stand beside the platform's figures and a signature page ends it.
    Sections and tables are numbered over what the report holds, without gaps or repeats.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     e = build_evaluation(s, dt.date(2018, 12, 31))
    >>> e.title, len(e.sections[1].tables[0].rows) >= 35
    ('河北省战略性新兴产业发展“十三五”规划实施中期评估报告', True)
    """
    as_of, chosen = _chosen_evaluation(store, as_of, evaluation_id)
    opinions = Opinions(store, chosen) if chosen is not None else None
    plan = load_plan()
    found = assess_plan(store, plan, as_of=as_of)
    ctx = _Context(store, as_of, lang, plan, found, opinions, Numbering(lang))
    numbers: dict[str, float | None] = {}
    for a in found:
        d = ctx.dicts[a.target.id]
        numbers[f"{a.target.id}.latest"] = d["latest_value"]
        numbers[f"{a.target.id}.baseline"] = d["baseline_value"]
        numbers[f"{a.target.id}.target"] = d["target_value"]
    sections = [_overall(ctx), _progress(ctx), *_scoped_sections(ctx), _problems(ctx), _tracking(ctx)]
    subtitle = tr(lang, f"评估基准日：{as_of.isoformat()}", f"As of {as_of.isoformat()}")
    if opinions is not None:  # the evaluator's opinions before the methods annex, the signature page after it
        heading = ctx.numbering.section("第三方评估意见", "The third-party evaluator's opinions")
        sections.append(opinions_section(plan, opinions, lang, heading, ctx.numbering))
        org = opinions.evaluation["organisation"]
        subtitle += tr(
            lang,
            f"；第三方评估：{org}" + ("" if opinions.signed else "（草稿）"),
            f"; third-party evaluation: {org}" + ("" if opinions.signed else " (draft)"),
        )
    sections.append(_methods_annex(ctx))
    if opinions is not None:
        sections.append(signature_section(opinions, lang))
    title = tr(
        lang,
        "河北省战略性新兴产业发展“十三五”规划实施" + ("总结评估报告" if ctx.form == "final" else "中期评估报告"),
        ("Final" if ctx.form == "final" else "Mid-term")
        + " evaluation of Hebei's 13th Five-Year Plan for Strategic Emerging Industries",
    )
    return Evaluation("evaluation", title, subtitle, lang, "public", sections, [], numbers)
