"""The evaluation report with a third-party evaluation: opinions beside the figures, disputes noted, a signature page
on a page of its own — and the report of a date picks the evaluation signed as of that date."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document

from seimon.access.roles import Principal, Role
from seimon.access.users import add_user
from seimon.errors import SeimonError
from seimon.plan import load_plan
from seimon.report import build_evaluation, render
from seimon.services import evaluations as service
from seimon.store import Store, open_store

ADMIN = Principal("admin", Role.ADMIN)
EVALUATOR = Principal("eva", Role.EVALUATOR)
ORG = "河北省宏观经济研究院"
QUALITATIVE = [q.id for q in load_plan().qualitative_targets]
AS_OF = dt.date(2020, 12, 31)


@pytest.fixture(scope="module")
def store() -> Store:
    opened = open_store("duckdb:///:memory:")
    add_user(opened, "eva", "evaluator-password", "evaluator")
    service.add_member(opened, ADMIN, "eva", ORG)
    return opened


def evaluation(store: Store, *, signed: bool) -> int:
    eid = int(service.open_evaluation(store, ADMIN, "final", AS_OF, organisation=ORG)["id"])
    verdicts = ["partly", "achieved", "not_achieved", "achieved"]
    for target, verdict in zip(QUALITATIVE, verdicts, strict=False):
        service.judge(store, EVALUATOR, eid, target, verdict, reason=f"{target}的理由")
    service.judge(store, EVALUATOR, eid, "pv_capacity", "disputed", reason="装机口径与能源局统计不一致")
    if signed:
        service.sign(store, EVALUATOR, eid, "王评估", signed_on="2021-03-01")
    return eid


def text_of(report: object) -> str:
    return "\n".join(
        [s.title for s in report.sections]  # type: ignore[attr-defined]
        + report.paragraphs()  # type: ignore[attr-defined]
        + ["|".join(c for row in t.rows for c in row) for t in report.tables()]  # type: ignore[attr-defined]
    )


def test_the_signed_evaluation_gives_opinions_and_a_signature_page(store: Store) -> None:
    eid = evaluation(store, signed=True)
    report = build_evaluation(store, None, "zh", evaluation_id=eid)
    assert report.title.endswith("总结评估报告") and ORG in report.subtitle and "草稿" not in report.subtitle
    titles = [s.title for s in report.sections]
    assert titles[-1] == "签署页" and "八、第三方评估意见" in titles
    signature = report.sections[-1]
    assert signature.new_page and ["签署人", "王评估"] in signature.tables[0].rows
    assert ["签署日期", "2021-03-01"] in signature.tables[0].rows
    qualitative = next(t for t in report.tables() if t.key == "qualitative_targets")
    assert [r[3].split("\n")[0] for r in qualitative.rows] == ["部分实现", "基本实现", "未实现", "基本实现"]
    opinions = next(t for t in report.tables() if t.key == "evaluator_quantitative")
    assert len(opinions.rows) == 1 and opinions.rows[0][3] == "有异议"
    assert "装机口径与能源局统计不一致" in text_of(report)
    found = [re.match(r"表(\d+) ", t.title) for t in report.tables()]
    numbers = [int(m.group(1)) for m in found if m]
    assert numbers == sorted(numbers)  # the evaluator's tables continue the count
    english = build_evaluation(store, None, "en", evaluation_id=eid)
    assert english.sections[-1].title == "Signature page" and "disputed" in text_of(english)


def test_the_report_of_a_date_carries_the_evaluation_signed_as_of_it(store: Store) -> None:
    eid = evaluation(store, signed=True)
    assert "八、第三方评估意见" in [s.title for s in build_evaluation(store, AS_OF, "zh").sections]
    assert "八、第三方评估意见" not in [s.title for s in build_evaluation(store, dt.date(2020, 12, 30), "zh").sections]
    with pytest.raises(SeimonError, match="as of 2020-12-31"):
        build_evaluation(store, dt.date(2020, 6, 30), "zh", evaluation_id=eid)


def test_a_draft_says_so_and_has_no_signature(store: Store) -> None:
    eid = evaluation(store, signed=False)
    report = build_evaluation(store, None, "zh", evaluation_id=eid)
    assert "草稿" in report.subtitle
    assert report.sections[-1].paragraphs == ["本评估尚未签署（草稿）。"] and not report.sections[-1].tables


def test_the_signature_page_starts_a_new_page_in_docx(store: Store) -> None:
    eid = evaluation(store, signed=True)
    data = render(build_evaluation(store, None, "zh", evaluation_id=eid), "docx")
    body = Document(io.BytesIO(data)).element.body.xml
    before_signature = body[: body.rindex("签署页")]
    assert 'w:type="page"' in before_signature[-3000:]
