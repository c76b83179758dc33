"""The projects-and-tasks section of the evaluation report and the bulletin, over the example registers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from seimon.ingest.pipeline import import_file
from seimon.report.bulletin import build_bulletin
from seimon.report.evaluation import build_evaluation
from seimon.report.tracking import tracking_section
from seimon.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(store: Store) -> None:
    for kind in ("projects", "project-progress", "tasks", "task-reports"):
        assert import_file(store, kind, EXAMPLES / f"{kind}.csv").status == "loaded"


def test_evaluation_has_a_projects_and_tasks_section(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        load(store)
        report = build_evaluation(store, dt.date(2020, 3, 31), "zh")
        english = tracking_section(store, dt.date(2020, 3, 31), "en", heading="7. Projects and tasks", first_table=5)
    section = next(s for s in report.sections if s.title == "七、重点项目与任务落实")
    assert report.sections[-1].title.startswith("附件")
    assert "项目库共有项目3个" in section.paragraphs[0] and "逾期未竣工项目1个" in section.paragraphs[0]
    assert "投资完成率61.4%" in section.paragraphs[0]  # (100000 + 35000 + 80000) / 350000
    by_city = next(t for t in section.tables if t.key == "projects_by_city")
    # numbered after every table before it (report.numbering): the next number, no gap, no repeat
    earlier = [int(re.match(r"表(\d+)", t.title).group(1)) for s in report.sections[: report.sections.index(section)]
               for t in s.tables if re.match(r"表\d+", t.title)]  # fmt: skip
    assert by_city.title.startswith(f"表{max(earlier) + 1} ")
    assert {r[0] for r in by_city.rows[:-1]} == {"保定市", "石家庄市", "定州市"}
    sjz = next(r for r in by_city.rows if r[0] == "石家庄市")
    assert sjz[1:] == ["1", "0", "5.0", "3.5", "70.0", "100.0", "0.0", "1"]
    assert by_city.rows[-1] == ["合计", "3", "0", "35.0", "21.5", "61.4", "100.0", "50.0", "1"]
    boxes = next(t for t in section.tables if t.key == "tasks_by_box")
    assert boxes.rows[0] == ["专栏1智能制造装备发展路线图", "3", "1", "1"] and len(boxes.rows) == 14
    assert boxes.rows[-1] == ["合计", "45", "1", "2"]
    assert "逾期未完成2项" in section.paragraphs[1]
    assert len(english.paragraphs) == len(section.paragraphs) and "1 projects overdue" in english.paragraphs[0]
    assert [t.key for t in english.tables] == [t.key for t in section.tables]
    cells = [c for t in english.tables for row in t.rows for c in row] + english.paragraphs
    assert not [c for c in cells if re.search(r"[\u4e00-\u9fff]", c)]  # the English edition has no Chinese
    assert english.tables[0].rows[0][0] in {"Baoding", "Shijiazhuang", "Dingzhou"}


def test_bulletin_section_is_as_of_the_period_end(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        load(store)
        public = build_bulletin(store, "2019-12", "public", "zh")
    section = public.sections[-1]
    assert section.title == "八、重点项目与任务落实"  # after 一至五, 六 services and 七 warnings
    assert "逾期未竣工项目1个" in section.paragraphs[0]  # HB2017-002, due 2019-06-30
    # numbered on from the warnings' 表12–13 (表1–8 industrial, 表9–11 services): no gap where the internal
    # edition's key-enterprise table would be
    assert [t.title[:4] for t in section.tables] == ["表14 ", "表15 "]
