"""Build the appraisal bulletin (考核结果通报) from :func:`seimon.appraise.appraise`, in Chinese or English.

Sections: the overall result; the ranking with each unit's 5–95 % rank interval (table and chart); each unit's
pillar profile against the average of the ranked units; the best and the laggards with the indicators that make
them so (their strongest and weakest indicators against the average); how robust the ranking is (Sobol indices,
units whose rank is uncertain, coherence warnings); the method. Numbers are rounded once here, into cells, and the
sentences are built from those cells, as the other reports do.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from seimon.appraise import Appraisal, UnitResult, appraise
from seimon.disclose.outlets import protect_appraisal_result
from seimon.report import charts
from seimon.report.content import Lang, Report, Section, Table, fmt_num, tr
from seimon.report.narrative import unit_label
from seimon.store import Store

logger = logging.getLogger(__name__)

TOP = 3
FACTOR_NAMES = {
    "weights": ("权重（±25%）", "weights (±25%)"),
    "normalisation": ("标准化方法", "normalisation"),
    "aggregation": ("汇总方法", "aggregation"),
    "missing": ("缺失值处理", "treatment of gaps"),
    "outliers": ("异常值处理", "outlier treatment"),
}
METHOD_NAMES = {
    "minmax": ("极差标准化", "min-max"),
    "zscore": ("Z分数（T分数）", "z-score (T-score)"),
    "rank": ("位次百分比", "percentile rank"),
    "distance_to_target": ("目标距离法", "distance to target"),
    "goalposts": ("固定阈值法", "goalposts"),
    "arithmetic": ("加权算术平均", "weighted arithmetic mean"),
    "geometric": ("加权几何平均", "weighted geometric mean"),
    "reweight": ("缺项权重重分配", "re-weighting"),
    "mean": ("均值插补", "mean imputation"),
    "median": ("中位数插补", "median imputation"),
    "winsorise": ("缩尾处理", "winsorisation"),
    "none": ("不作异常值处理", "no outlier treatment"),
}
KIND_NAMES = {"cities": ("市", "cities"), "departments": ("部门", "departments"), "bases": ("基地", "bases")}
UNCERTAIN_WIDTH = 3


class AppraisalBulletin(Report):
    """The appraisal bulletin (考核结果通报) for one year."""


def _method_name(method: str, lang: Lang) -> str:
    zh, en = METHOD_NAMES.get(method, (method, method))
    return tr(lang, zh, en)


def _name(unit: UnitResult, lang: Lang) -> str:
    return unit.name_zh if lang == "zh" else unit.name_en


def _interval(unit: UnitResult, lang: Lang) -> str:
    if unit.rank_low is None:
        return "—"
    return f"{unit.rank_low}～{unit.rank_high}" if lang == "zh" else f"{unit.rank_low}–{unit.rank_high}"


def _signed(value: float | None) -> str:
    if value is None:
        return "—"
    text = fmt_num(value)
    return text if text.startswith("-") or text == "0.0" else f"+{text}"


def _indicator_gaps(result: Appraisal, unit: UnitResult) -> list[tuple[float, str]]:
    """(score − average score, indicator id) for the unit's present indicators, weakest first."""
    gaps = []
    for ind in result.indicators:
        own = unit.indicators[ind["id"]]
        scores = [u.indicators[ind["id"]]["score"] for u in result.ranked()]
        known = [s for s in scores if s is not None]
        if own["score"] is None or own["missing"] or not known:
            continue
        gaps.append((own["score"] - sum(known) / len(known), ind["id"]))
    return sorted(gaps)


def _describe(result: Appraisal, unit: UnitResult, ids: list[str], lang: Lang) -> str:
    meta = {i["id"]: i for i in result.indicators}
    parts = []
    for ind in ids:
        m = meta[ind]
        value = fmt_num(unit.indicators[ind]["value"], 1)
        score = fmt_num(unit.indicators[ind]["score"], 1)
        name = m["name_zh"] if lang == "zh" else m["name_en"]
        unit_en = m.get("unit_en") or unit_label(m["unit"], "en")
        parts.append(
            tr(lang, f"{name}（{value}{m['unit']}，得分{score}）", f"{name} ({value} {unit_en}, score {score})")
        )
    return tr(lang, "、".join(parts), "; ".join(parts))


def _overview(result: Appraisal, lang: Lang, year: int) -> Section:
    """Section 1: how many units on which framework, the best and the worst, the indicators left out."""
    fw, ranked, pillars = result.framework, result.ranked(), result.pillars
    kind_zh, kind_en = KIND_NAMES[result.kind]
    best, worst = (ranked[0], ranked[-1]) if ranked else (None, None)
    overview = [
        tr(
            lang,
            f"依据《{fw.name_zh}》框架，对{len(result.units)}个{kind_zh}{year}年战略性新兴产业发展情况进行考核评价，"
            f"{len(ranked)}个参与排名；框架含{len(pillars)}个维度、{len(result.indicators)}项指标。",
            f"Following the framework '{fw.name_en}', {len(result.units)} {kind_en} were appraised on their "
            f"strategic emerging industries in {year}; {len(ranked)} are ranked, on {len(pillars)} pillars and "
            f"{len(result.indicators)} indicators.",
        )
    ]
    if best is not None and worst is not None:
        overview.append(
            tr(
                lang,
                f"综合得分最高的是{_name(best, lang)}（{fmt_num(best.score)}分，第{best.rank}名，名次区间"
                f"{_interval(best, lang)}），最低的是{_name(worst, lang)}（{fmt_num(worst.score)}分，名次区间"
                f"{_interval(worst, lang)}）。",
                f"{_name(best, lang)} scores highest ({fmt_num(best.score)}, rank {best.rank}, interval "
                f"{_interval(best, lang)}); {_name(worst, lang)} lowest ({fmt_num(worst.score)}, interval "
                f"{_interval(worst, lang)}).",
            )
        )
    if result.dropped:
        names = {i.id: tr(lang, i.name_zh, i.name_en) for i in fw.indicators()}
        dropped = [names.get(i, i) for i in result.dropped]
        overview.append(
            tr(
                lang,
                f"本年度无数据、未参与考核的指标：{'、'.join(dropped)}。",
                f"Indicators without data this year, left out: {'; '.join(dropped)}.",
            )
        )
    return Section(tr(lang, "一、总体情况", "1. Overview"), overview)


def _ranking(result: Appraisal, lang: Lang) -> Section:
    """Section 2: the ranking table with rank intervals, and the chart of them."""
    fw, ranked = result.framework, result.ranked()
    columns = [
        tr(lang, "名次", "rank"),
        tr(lang, "单位", "unit"),
        tr(lang, "综合得分", "score"),
        tr(lang, "名次区间", "rank interval"),
        tr(lang, "名次中位数", "median rank"),
    ]
    rows = [
        [
            str(u.rank) if u.rank is not None else "—",
            _name(u, lang),
            fmt_num(u.score),
            _interval(u, lang),
            fmt_num(u.rank_median, 0),
        ]
        for u in result.units
    ]
    chart = charts.rank_interval_chart(
        "rank_intervals",
        tr(lang, "图1 考核名次及其区间", "Figure 1 Ranks and rank intervals"),
        [_name(u, lang) for u in ranked],
        [u.rank for u in ranked if u.rank is not None],
        [(u.rank_low or 0, u.rank_high or 0) for u in ranked],
        lang,
        tr(
            lang,
            f"名次区间为{fw.uncertainty.interval[0]:g}%～{fw.uncertainty.interval[1]:g}%分位，来自{result.draws}次蒙特卡洛模拟。",
            f"Intervals: {fw.uncertainty.interval[0]:g}th–{fw.uncertainty.interval[1]:g}th percentiles of "
            f"{result.draws} Monte Carlo draws.",
        ),
    )
    return Section(
        tr(lang, "二、考核排名", "2. Ranking"),
        [
            tr(
                lang,
                "名次区间表示在权重、标准化、汇总和缺失值处理等合理选择下名次的变化范围；区间相互重叠的单位，名次差异不宜过度解读。",
                "The rank interval is the range of a unit's rank over defensible choices of weights, normalisation, "
                "aggregation and treatment of gaps; units whose intervals overlap should not be read as clearly apart.",
            )
        ],
        [
            Table(
                "ranking",
                tr(lang, "表1 考核排名", "Table 1 Ranking"),
                columns,
                rows,
                tr(lang, "“—”为数据不足、不参与排名。", "'—': too little data, not ranked."),
            )
        ],
        [chart],
    )


def _profiles(result: Appraisal, lang: Lang) -> Section:
    """Section 3: each ranked unit's pillar scores, and its difference from the average."""
    ranked, pillars = result.ranked(), result.pillars
    pname = {p["id"]: (p["name_zh"] if lang == "zh" else p["name_en"]) for p in pillars}
    avg = result.averages
    profile_rows = [
        [
            _name(u, lang),
            *[f"{fmt_num(u.pillars.get(p['id']))}（{_signed(_diff(u.pillars.get(p['id']), avg.get(p['id'])))}）"
              if lang == "zh" else
              f"{fmt_num(u.pillars.get(p['id']))} ({_signed(_diff(u.pillars.get(p['id']), avg.get(p['id'])))})"
              for p in pillars],
        ]
        for u in ranked
    ]  # fmt: skip
    profile_rows.append(
        [tr(lang, "平均", "average"), *[fmt_num(avg.get(p["id"])) for p in pillars]],
    )
    return Section(
        tr(lang, "三、各单位得分结构", "3. Profiles"),
        [
            tr(
                lang,
                "下表列出各单位各维度得分（0～100），括号内为与参与排名单位平均得分之差。",
                "Pillar scores (0–100) of each unit; in brackets, the difference from the average of the ranked units.",
            )
        ],
        [
            Table(
                "profiles",
                tr(lang, "表2 各维度得分", "Table 2 Pillar scores"),
                [tr(lang, "单位", "unit"), *[pname[p["id"]] for p in pillars]],
                profile_rows,
            )
        ],
    )


def _leaders(result: Appraisal, lang: Lang) -> Section:
    """Section 4: what the top units lead on and what the bottom ones lag on (two indicators each)."""
    ranked = result.ranked()
    s4 = Section(tr(lang, "四、先进与后进", "4. Leaders and laggards"))
    for u in ranked[:TOP]:
        strong = [i for gap, i in reversed(_indicator_gaps(result, u)) if gap > 0][:2]
        if strong:
            s4.paragraphs.append(
                tr(
                    lang,
                    f"{_name(u, lang)}（第{u.rank}名）领先，主要得益于：{_describe(result, u, strong, lang)}。",
                    f"{_name(u, lang)} (rank {u.rank}) leads mainly on: {_describe(result, u, strong, lang)}.",
                )
            )
    for u in list(reversed(ranked))[:TOP]:
        if u in ranked[:TOP]:
            continue
        weak = [i for gap, i in _indicator_gaps(result, u) if gap < 0][:2]
        if weak:
            s4.paragraphs.append(
                tr(
                    lang,
                    f"{_name(u, lang)}（第{u.rank}名）相对落后，主要短板：{_describe(result, u, weak, lang)}。",
                    f"{_name(u, lang)} (rank {u.rank}) lags mainly on: {_describe(result, u, weak, lang)}.",
                )
            )
    if not s4.paragraphs:
        s4.paragraphs.append(tr(lang, "各单位指标得分差异不大。", "Units differ little on their indicators."))
    return s4


def build_appraisal_bulletin(
    store: Store | None,
    year: int,
    lang: Lang = "zh",
    *,
    units: str = "cities",
    framework: Path | str | None = None,
    as_of: dt.date | None = None,
    draws: int | None = None,
    result: Appraisal | None = None,
) -> AppraisalBulletin:
    """The bulletin for ``year``; pass ``result`` to lay out an appraisal already computed (no store needed).

    The bulletin is public: with a store, the cells the disclosure stage withholds (a base or city resting on
    too few enterprises, or dominated) show "—", with their pillar, the unit's composite and the pillar average.
    """
    if result is None:
        if store is None:
            raise ValueError("a store or a result is needed")
        result = appraise(store, year, units=units, framework=framework, as_of=as_of, draws=draws)
    if store is not None:  # a public document: what roles without microdata see (docs/disclosure.md)
        result = protect_appraisal_result(store, result, vintage=as_of.isoformat() if as_of else None)
    kind_zh, kind_en = KIND_NAMES[result.kind]
    numbers: dict[str, float | None] = {f"score_{u.unit}": u.score for u in result.units}

    sections = [
        _overview(result, lang, year),
        _ranking(result, lang),
        _profiles(result, lang),
        _leaders(result, lang),
        _robustness(result, lang),
        _method(result, lang),
    ]
    as_of = f"，数据截至{result.as_of.isoformat()}" if result.as_of and lang == "zh" else ""
    as_of_en = f", data as of {result.as_of.isoformat()}" if result.as_of else ""
    title = tr(
        lang,
        f"{year}年度战略性新兴产业发展考核结果通报",
        f"Appraisal of strategic emerging industry development, {year}",
    )
    subtitle = tr(lang, f"考核对象：{kind_zh}{as_of}", f"Units: {kind_en}{as_of_en}")
    return AppraisalBulletin("appraisal", title, subtitle, lang, "public", sections, [], numbers)


def _diff(value: float | None, average: float | None) -> float | None:
    return None if value is None or average is None else value - average


def _robustness(result: Appraisal, lang: Lang) -> Section:
    """Section 5: the Sobol indices, the units whose rank is uncertain, the coherence warnings."""
    ranked = result.ranked()
    s = result.sensitivity
    factor_rows = [
        [tr(lang, *FACTOR_NAMES[k]), fmt_num(s["first_order"][k], 2), fmt_num(s["total"][k], 2)]
        for k in s["first_order"]
    ]
    main = max(s["total"], key=lambda k: s["total"][k])
    uncertain = [u for u in ranked if (u.rank_high or 0) - (u.rank_low or 0) >= UNCERTAIN_WIDTH]
    robust = [
        tr(
            lang,
            f"名次对{tr(lang, *FACTOR_NAMES[main])}最敏感（总效应指数{fmt_num(s['total'][main], 2)}）。"
            if s["total"][main] > 0
            else "在各种合理选择下名次均不变。",
            f"Ranks are most sensitive to the {tr(lang, *FACTOR_NAMES[main])} (total index "
            f"{fmt_num(s['total'][main], 2)})."
            if s["total"][main] > 0
            else "Ranks do not change under any of the choices tried.",
        ),
        tr(
            lang,
            f"名次区间跨度达{UNCERTAIN_WIDTH}位及以上的单位：{'、'.join(_name(u, lang) for u in uncertain)}。"
            if uncertain
            else f"各单位名次区间跨度均小于{UNCERTAIN_WIDTH}位。",
            f"Units whose interval spans {UNCERTAIN_WIDTH} places or more: "
            f"{', '.join(_name(u, lang) for u in uncertain)}."
            if uncertain
            else f"Every interval spans fewer than {UNCERTAIN_WIDTH} places.",
        ),
    ]
    coherence = list(result.coherence.warnings)
    if coherence:
        robust.append(
            tr(
                lang,
                f"统计一致性检验提示{len(coherence)}项：" + "；".join(w["zh"] for w in coherence[:6]) + "。",
                f"Coherence checks raised {len(coherence)} point(s): "
                + "; ".join(w["en"] for w in coherence[:6])
                + ".",
            )
        )
    return Section(
        tr(lang, "五、稳健性与敏感性", "5. Robustness and sensitivity"),
        robust,
        [
            Table(
                "sensitivity",
                tr(lang, "表3 名次的敏感性指数（Sobol）", "Table 3 Sensitivity of the ranks (Sobol indices)"),
                [tr(lang, "假设", "assumption"), tr(lang, "一阶指数", "first order"), tr(lang, "总效应指数", "total")],
                factor_rows,
            )
        ],
    )


def _method(result: Appraisal, lang: Lang) -> Section:
    """The annex: the framework's methods and the uncertainty analysis, in words."""
    fw = result.framework
    u = fw.uncertainty
    zh = {m: _method_name(m, "zh") for m in [fw.normalisation, fw.aggregation, fw.missing, *u.normalisations,
                                              *u.aggregations, *u.missing, *u.outliers]}  # fmt: skip
    en = {m: _method_name(m, "en") for m in zh}
    return Section(
        tr(lang, "附件：考核方法", "Annex: method"),
        [
            tr(
                lang,
                f"各指标按{zh[fw.normalisation]}方法标准化为0～100分（越高越好），"
                f"维度内与维度间按{zh[fw.aggregation]}汇总；缺失值采用{zh[fw.missing]}，不以零计；"
                f"偏度绝对值大于{fw.outliers.skew:g}且峰度大于{fw.outliers.kurtosis:g}"
                "的指标先行缩尾处理。定州、辛集单列，全部指标为比率、比重或强度，不以规模论高低。",
                f"Indicators are normalised by {en[fw.normalisation]} to 0–100 (higher is better) and aggregated"
                f" with the {en[fw.aggregation]} within and across pillars; gaps are treated by"
                f" {en[fw.missing]}, never as zero; indicators with |skew| > {fw.outliers.skew:g} and kurtosis >"
                f" {fw.outliers.kurtosis:g} are "
                "winsorised first. Dingzhou and Xinji are units of their own; every indicator is a rate, share or "
                "intensity, so size does not decide.",
            ),
            tr(
                lang,
                f"不确定性分析：权重在±{fw.uncertainty.weight_range:.0%}内随机变动，并在"
                f"{'、'.join(zh[m] for m in u.normalisations)}；{'、'.join(zh[m] for m in u.aggregations)}；"
                f"{'、'.join(zh[m] for m in u.missing)}；{'、'.join(zh[m] for m in u.outliers)}"
                f"等方法间随机选择，共{result.draws}次；"
                "敏感性指数按 Saltelli（2010）一阶估计量与 Jansen 总效应估计量计算。",
                f"Uncertainty: weights vary within ±{fw.uncertainty.weight_range:.0%}, and each draw picks one of "
                f"{', '.join(en[m] for m in u.normalisations)}; {', '.join(en[m] for m in u.aggregations)}; "
                f"{', '.join(en[m] for m in u.missing)}; {', '.join(en[m] for m in u.outliers)};"
                f" {result.draws} draws."
                " Sobol indices: Saltelli (2010) first-order and Jansen total estimators.",
            ),
        ],
    )
