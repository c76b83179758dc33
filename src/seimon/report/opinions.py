"""The evaluator's part of the plan evaluation report: opinions per target, evidence requests, the signature page.

A third-party evaluation (:mod:`seimon.evaluation`) judges the qualitative targets (基本实现 / 部分实现 / 未实现,
with a reason) and confirms or disputes the platform's figure for the quantitative ones. The report prints those
judgements beside the platform's own numbers — a dispute is noted with the evaluator's reason and the figure it
was about (value, period, source, vintage) — and ends with a signature page (organisation, signatory, date).
An evaluation not yet signed is printed as a draft, without a signature.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from seimon.evaluation.files import list_files
from seimon.evaluation.model import KINDS, NOT_JUDGED, QUALITATIVE_VERDICTS, QUANTITATIVE_VERDICTS, label
from seimon.evaluation.records import get_evaluation, judgements, list_requests
from seimon.plan import Plan
from seimon.report.content import SUPPRESSED, Lang, Section, Table, fmt_num, tr
from seimon.report.numbering import Numbering
from seimon.store import Store

logger = logging.getLogger(__name__)


class Opinions:
    """One evaluation's judgements, files and requests, read once for every part of the report."""

    def __init__(self, store: Store, evaluation_id: int) -> None:
        self.evaluation = get_evaluation(store, evaluation_id)
        self.judgements = judgements(store, evaluation_id)
        self.files = list_files(store, evaluation_id)
        self.requests = list_requests(store, evaluation_id)

    @property
    def signed(self) -> bool:
        return self.evaluation["state"] == "signed"

    def verdict(self, target: str, lang: Lang) -> str:
        """The verdict word of one target, or "not judged"."""
        found = self.judgements.get(target)
        if found is None:
            return NOT_JUDGED[0] if lang == "zh" else NOT_JUDGED[1]
        return str(found["verdict_zh"] if lang == "zh" else found["verdict_en"])

    def files_of(self, owner: str, key: str) -> str:
        names = [f["filename"] for f in self.files if f["owner"] == owner and f["owner_key"] == key]
        return "；".join(names) if names else SUPPRESSED


def _figure(j: dict[str, Any] | None, lang: Lang) -> str:
    if not j or j.get("figure_value") is None:
        return SUPPRESSED
    value = float(j["figure_value"])
    text = f"{fmt_num(value, 2 if abs(value) < 10 else 1)} {j.get('figure_unit') or ''}".strip()
    if j.get("figure_period"):
        text += f"（{j['figure_period']}）" if lang == "zh" else f" ({j['figure_period']})"
    return text


def _source(j: dict[str, Any] | None, lang: Lang) -> str:
    if not j:
        return SUPPRESSED
    source = j.get("figure_source") or SUPPRESSED
    vintage = j.get("figure_vintage") or SUPPRESSED
    return tr(lang, f"{source}\n版本：{vintage}", f"{source}\nvintage: {vintage}")


def qualitative_rows(plan: Plan, opinions: Opinions, lang: Lang) -> list[list[str]]:
    """Table 3's rows with the evaluator's verdict and reason in place of "pending"."""
    rows = []
    for q in plan.qualitative_targets:
        j = opinions.judgements.get(q.id)
        rows.append(
            [
                q.name_zh if lang == "zh" else q.name_en,
                str(q.deadline),
                (q.evidence_zh if lang == "zh" else q.evidence_en) or SUPPRESSED,
                opinions.verdict(q.id, lang) + (f"\n{j['reason']}" if j else ""),
            ]
        )
    return rows


def _requests_table(opinions: Opinions, names: dict[str, str], title: str, lang: Lang) -> Table:
    """The evaluator's requests for evidence, each with the department asked, the answer and its files."""
    return Table(
        "evidence_requests",
        title,
        [
            tr(lang, "责任部门", "department"),
            tr(lang, "目标", "target"),
            tr(lang, "请求", "request"),
            tr(lang, "期限", "due"),
            tr(lang, "状态", "status"),
            tr(lang, "答复", "answer"),
        ],
        [
            [
                r["department"],
                names.get(r["target"], r["target"]),
                r["question"],
                str(r["due"]),
                r["status_zh"] if lang == "zh" else r["status_en"],
                (r["answer"] or SUPPRESSED)
                + (
                    f"\n{tr(lang, '附件', 'files')}：{opinions.files_of('request', str(r['id']))}"
                    if opinions.files_of("request", str(r["id"])) != SUPPRESSED
                    else ""
                ),
            ]
            for r in opinions.requests
        ],
    )


def opinions_section(plan: Plan, opinions: Opinions, lang: Lang, heading: str, numbering: Numbering) -> Section:
    """The evaluator's opinions: a summary, the qualitative judgements, the quantitative opinions, the requests.

    Its tables take the report's next numbers (``numbering``), so a table left out leaves no gap."""
    ev = opinions.evaluation
    org = ev["organisation"] or SUPPRESSED
    qual_ids = [q.id for q in plan.qualitative_targets]
    qual = Counter(opinions.judgements[i]["verdict"] for i in qual_ids if i in opinions.judgements)
    quant_ids = [t.id for t in plan.targets]
    quant = Counter(opinions.judgements[i]["verdict"] for i in quant_ids if i in opinions.judgements)
    not_judged = sum(1 for i in quant_ids if i not in opinions.judgements)
    kind = label(KINDS, ev["kind"], lang)
    q_zh = "、".join(f"{label(QUALITATIVE_VERDICTS, k)}{qual.get(k, 0)}项" for k in QUALITATIVE_VERDICTS)
    q_en = ", ".join(f"{qual.get(k, 0)} {label(QUALITATIVE_VERDICTS, k, 'en')}" for k in QUALITATIVE_VERDICTS)
    paragraphs = [
        tr(
            lang,
            f"本次{kind}由{org}承担，评估基准日为{ev['as_of']}。评估人对{len(qual_ids)}项定性目标逐项作出判断"
            f"（{q_zh}），对{len(quant_ids)}项定量目标的平台数据确认{quant.get('confirmed', 0)}项、"
            f"提出异议{quant.get('disputed', 0)}项、未作评判{not_judged}项（按平台数据列示）。",
            f"This {kind} was carried out by {org}, as of {ev['as_of']}. The evaluator judged the "
            f"{len(qual_ids)} qualitative targets ({q_en}) and, of the {len(quant_ids)} quantitative targets, "
            f"confirmed the platform's figure for {quant.get('confirmed', 0)}, disputed {quant.get('disputed', 0)} "
            f"and left {not_judged} without an opinion (shown on the platform's figures).",
        )
    ]
    if not opinions.signed:
        paragraphs.append(
            tr(
                lang,
                "本评估尚未签署：以下意见为草稿，签署前仍可修改。",
                "This evaluation is not signed yet: the opinions below are a draft and may still change.",
            )
        )
    names = {t.id: (t.name_zh if lang == "zh" else t.name_en) for t in plan.targets}
    names.update({q.id: (q.name_zh if lang == "zh" else q.name_en) for q in plan.qualitative_targets})
    qual_table = Table(
        "evaluator_qualitative",
        numbering.table("定性目标评估结论", "Qualitative targets: the evaluator's judgements"),
        [
            tr(lang, "目标", "target"),
            tr(lang, "结论", "judgement"),
            tr(lang, "理由", "reason"),
            tr(lang, "证据文件", "evidence files"),
        ],
        [
            [
                names[i],
                opinions.verdict(i, lang),
                opinions.judgements[i]["reason"] if i in opinions.judgements else SUPPRESSED,
                opinions.files_of("judgement", i),
            ]
            for i in qual_ids
        ],
    )
    quant_rows = [
        [
            names.get(i, i),
            _figure(j, lang),
            _source(j, lang),
            opinions.verdict(i, lang),
            j["reason"],
        ]
        for i in quant_ids
        if (j := opinions.judgements.get(i)) is not None
    ]
    disputed = [r for r in quant_rows if r[3] == label(QUANTITATIVE_VERDICTS, "disputed", lang)]
    if disputed:
        paragraphs.append(
            tr(
                lang,
                "评估人对以下目标的平台数据有异议：" + "；".join(f"{r[0]}（{r[4]}）" for r in disputed) + "。",
                "The evaluator disputes the platform's figure for: "
                + "; ".join(f"{r[0]} ({r[4]})" for r in disputed)
                + ".",
            )
        )
    tables = [qual_table]
    if quant_rows:
        tables.append(
            Table(
                "evaluator_quantitative",
                numbering.table("定量目标评估意见", "Quantitative targets: the evaluator's opinions"),
                [
                    tr(lang, "目标", "target"),
                    tr(lang, "平台数值（期别）", "platform figure (period)"),
                    tr(lang, "来源与版本", "source and vintage"),
                    tr(lang, "意见", "opinion"),
                    tr(lang, "理由", "reason"),
                ],
                quant_rows,
                note=tr(
                    lang,
                    "平台数值为评估基准日已知的最新数据；未列出的定量目标评估人未作评判，以表2平台数据为准。",
                    "Platform figures are the latest known at the as-of date; quantitative targets not listed were "
                    "not judged and stand on the platform's figures of Table 2.",
                ),
            )
        )
    if opinions.requests:
        title = numbering.table("证据请求及答复", "Evidence requests and answers")
        tables.append(_requests_table(opinions, names, title, lang))
    return Section(heading, paragraphs, tables)


def signature_section(opinions: Opinions, lang: Lang) -> Section:
    """The signature page: who evaluated, who signed and when — or that it is not signed yet."""
    ev = opinions.evaluation
    title = tr(lang, "签署页", "Signature page")
    if not opinions.signed:
        return Section(
            title,
            [tr(lang, "本评估尚未签署（草稿）。", "This evaluation is not signed (draft).")],
            new_page=True,
        )
    rows = [
        [tr(lang, "评估类型", "kind"), label(KINDS, ev["kind"], lang)],
        [tr(lang, "评估基准日", "as of"), str(ev["as_of"])],
        [tr(lang, "评估机构", "evaluator organisation"), str(ev["signed_organisation"])],
        [tr(lang, "签署人", "signatory"), str(ev["signatory"])],
        [tr(lang, "签署日期", "date signed"), str(ev["signed_on"])],
    ]
    return Section(
        title,
        [
            tr(
                lang,
                f"{ev['signed_organisation']}对本报告所载第三方评估意见负责。评估意见自签署之日起冻结，不再修改。",
                f"{ev['signed_organisation']} answers for the third-party opinions in this report. They were frozen "
                "when signed and are not changed afterwards.",
            )
        ],
        [Table("signature", title, [tr(lang, "项目", "item"), tr(lang, "内容", "entry")], rows)],
        new_page=True,
    )
