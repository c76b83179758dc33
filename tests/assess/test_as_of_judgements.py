"""Judgements at a past date on data imported today without dates (issue 15): what was known then, and only that.

A demo store of 330 enterprises × 2016–2020 is imported through the ordinary path with no publication dates; the
release calendar dates every figure. The as-of answers are checked against independent SQL over the reports, and
must not move when later revisions are imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from seimon.assess.hindsight import hindsight
from seimon.assess.report import assess_plan
from seimon.demo import generate_demo
from seimon.errors import SeimonError
from seimon.indicators import query
from seimon.ingest.directory import load_directory
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import Store, open_store

TARGET = "sei_va_share_above_scale_industry"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo330")
    generate_demo(out, enterprises=330, years=(2016, 2020), seed=11)
    return out


@pytest.fixture
def demo_store(demo_dir: Path, tmp_path: Path) -> Iterator[Store]:
    with open_store(f"duckdb:///{tmp_path / 's.duckdb'}") as store:
        load_directory(store, demo_dir)
        yield store


def share_by_sql(store: Store, period: str, vintage: dt.date) -> float:
    """SEI value added over all above-scale value added, % — straight from the reports known at ``vintage``."""
    cutoff = dt.datetime.combine(vintage, dt.time.max)
    row = store.fetchone(
        "WITH r AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY credit_code, period"
        " ORDER BY vintage DESC, batch_id DESC) AS rn FROM reports WHERE vintage <= ? AND period = ?) x WHERE rn = 1),"
        " sei AS (SELECT DISTINCT credit_code FROM enterprise_classifications WHERE status = 'assigned')"
        " SELECT 100 * sum(CASE WHEN r.credit_code IN (SELECT credit_code FROM sei) THEN r.value_added END)"
        " / sum(r.value_added) FROM r JOIN enterprises e ON e.credit_code = r.credit_code AND e.is_current",
        [cutoff, period],
    )
    assert row is not None and row[0] is not None
    return float(row[0])


def share_target(store: Store, day: dt.date) -> dict:
    return assess_plan(store, as_of=day, target_ids=[TARGET])[0].to_dict()


def test_a_past_date_uses_the_periods_published_by_then(demo_store: Store) -> None:
    got = share_target(demo_store, dt.date(2018, 12, 31))
    # 1–11月 2018 is published on 27 December 2018 under the release calendar; the whole year only in January
    assert got["latest_period"] == "2018-01..11" and got["status"] != "insufficient_data"
    assert got["latest_value"] == pytest.approx(share_by_sql(demo_store, "2018-01..11", dt.date(2018, 12, 31)), 1e-4)
    assert "publication_assumed" in got["reason_codes"]
    before = share_target(demo_store, dt.date(2018, 12, 26))
    assert before["latest_period"] == "2018-01..10"


def _revision(demo_store: Store, folder: Path) -> Path:
    """A file doubling the 1–11月 2018 value added of every SEI enterprise (a large revision)."""
    rows = demo_store.fetch_dicts(
        "SELECT r.credit_code, r.revenue, r.value_added, r.value_added_prior FROM reports r WHERE r.is_current"
        " AND r.period = '2018-01..11' AND r.credit_code IN"
        " (SELECT credit_code FROM enterprise_classifications WHERE status = 'assigned')"
    )
    path = folder / "revision.csv"
    lines = ["统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值"]
    lines += [f"{r['credit_code']},2018年1-11月,{r['revenue']},{2 * r['value_added']},{r['value_added_prior']}"
              for r in rows]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("published", [dt.date(2019, 3, 1), None])
def test_a_later_revision_leaves_the_past_answer_unchanged(
    demo_store: Store, tmp_path: Path, published: dt.date | None
) -> None:
    day = dt.date(2018, 12, 31)
    before = share_target(demo_store, day)
    summary = import_file(demo_store, "reports", _revision(demo_store, tmp_path), published=published)
    assert summary.rows_superseded > 0
    after = share_target(demo_store, day)
    assert (after["latest_period"], after["latest_value"]) == (before["latest_period"], before["latest_value"])
    # the revision is there for dates after its publication (or its import, when it carries no date)
    seen = published or dt.date.today()
    old = query("sei_va_share_above_scale", period="2018-11", store=demo_store, vintage=day)[0]["value"]
    new = query("sei_va_share_above_scale", period="2018-11", store=demo_store, vintage=seen)[0]["value"]
    assert new > old
    assert new == pytest.approx(share_by_sql(demo_store, "2018-01..11", seen), 1e-4)


def _small_store(folder: Path, sei_value_added: float) -> Path:
    """Two SEI enterprises (photovoltaic equipment, an unambiguous SEI class) and two others (grain milling) with
    whole-year reports 2016–2020; the others add 300 a year, the SEI pair ``sei_value_added`` a year."""
    codes = list(generate_codes("130102", 4, seed=3))
    names = (("光伏一厂", "3825"), ("光伏二厂", "3825"), ("面粉一厂", "1311"), ("面粉二厂", "1311"))
    register = ["统一社会信用代码,企业名称,地区代码,行业代码"]
    register += [f"{code},{name},130102,{industry}" for code, (name, industry) in zip(codes, names, strict=True)]
    (folder / "enterprises.csv").write_text("\n".join(register) + "\n", encoding="utf-8")
    lines = ["统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值"]
    for year in range(2016, 2021):
        for code, va in zip(codes, (sei_value_added / 2, sei_value_added / 2, 150.0, 150.0), strict=True):
            lines.append(f"{code},{year}年,{va * 4},{va},{va}")
    (folder / "reports.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("sei_value_added", "verdict"), [(100.0, "achieved"), (30.0, "not_achieved")])
def test_after_the_deadline_a_target_is_achieved_or_not(
    store_url: str, tmp_path: Path, sei_value_added: float, verdict: str
) -> None:
    folder = _small_store(tmp_path, sei_value_added)
    with open_store(store_url) as store:
        for kind, name in (("enterprises", "enterprises.csv"), ("reports", "reports.csv")):
            assert import_file(store, kind, folder / name).status == "loaded"
        got = share_target(store, dt.date(2021, 6, 30))
        share = 100 * sei_value_added / (sei_value_added + 300)
        assert got["status"] == verdict and got["final"] and got["latest_period"] == "2020"
        assert got["latest_value"] == pytest.approx(share, 1e-4)
        assert got["gap"] == pytest.approx(20 - share, 1e-4)
        assert "deadline_verdict" in got["reason_codes"]
        # before the 2020 figures are published (27 January 2021) the status still describes progress
        pending = share_target(store, dt.date(2021, 1, 15))
        assert pending["latest_period"] == "2019" and not pending["final"]
        assert "deadline_passed_unknown" in pending["reason_codes"]


def test_hindsight_counts_how_past_statuses_fared(tmp_path: Path) -> None:
    folder = _small_store(tmp_path, 100.0)  # a steady 25 % share against ≥ 20 %: achieved in the end
    with open_store(f"duckdb:///{tmp_path / 'h.duckdb'}") as store:
        for kind, name in (("enterprises", "enterprises.csv"), ("reports", "reports.csv")):
            import_file(store, kind, folder / name)
        judged = [dt.date(2018, 6, 30), dt.date(2019, 6, 30)]
        found = hindsight(store, judged_on=judged, verdict_on=dt.date(2021, 6, 30))
    assert found["with_verdict"] >= 1
    # already above the target at both dates: "achieved" then, and achieved in the end
    tally = found["methods"]["opensdg"]["achieved"]
    assert f"{TARGET}@2018-06-30" in tally["targets"] and f"{TARGET}@2019-06-30" in tally["targets"]
    assert tally["share_achieved"] == 1.0


def test_a_bulletin_as_of_its_issue_day_is_unchanged_by_later_revisions(demo_store: Store, tmp_path: Path) -> None:
    from seimon.report import build_bulletin

    day = dt.date(2018, 12, 31)
    before = build_bulletin(demo_store, "2018-11", as_of=day).numbers
    import_file(demo_store, "reports", _revision(demo_store, tmp_path), published=dt.date(2019, 3, 1))
    after = build_bulletin(demo_store, "2018-11", as_of=day).numbers
    latest = build_bulletin(demo_store, "2018-11").numbers
    # equal to the last digits DuckDB's parallel sums leave alone (their order may differ between two runs)
    assert after.keys() == before.keys()
    assert after == pytest.approx(before, rel=1e-12)
    assert latest["sei_va@2018-11"] > before["sei_va@2018-11"]  # the revision doubled the SEI value added


def test_the_evaluation_report_runs_at_mid_term_and_final_dates(demo_store: Store) -> None:
    from seimon.report.evaluation import build_evaluation

    titles = {day: build_evaluation(demo_store, day).title for day in
              (dt.date(2017, 6, 30), dt.date(2018, 12, 31), dt.date(2020, 12, 31))}  # fmt: skip
    assert titles[dt.date(2017, 6, 30)].endswith("中期评估报告") and titles[dt.date(2018, 12, 31)].endswith(
        "中期评估报告"
    )
    assert titles[dt.date(2020, 12, 31)].endswith("总结评估报告")


def test_a_partial_month_is_never_the_headline(tmp_path: Path) -> None:
    from seimon.assess.releases import headline_period, release_period

    folder = _small_store(tmp_path, 100.0)
    codes = [line.split(",")[0] for line in (folder / "enterprises.csv").read_text(encoding="utf-8").splitlines()[1:]]
    early = tmp_path / "early.csv"  # two of four enterprises have sent 2021年1-2月
    early.write_text("统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值\n"
                     + "".join(f"{c},2021年1-2月,40,10,9\n" for c in codes[:2]), encoding="utf-8")  # fmt: skip
    with open_store(f"duckdb:///{tmp_path / 'r.duckdb'}") as store:
        for kind, path in (("enterprises", folder / "enterprises.csv"), ("reports", folder / "reports.csv"),
                           ("reports", early)):  # fmt: skip
            import_file(store, kind, path)
        head = headline_period(store, dt.date(2021, 4, 30))
        assert head is not None and (head.code, head.basis) == ("2020", "complete")
        with pytest.raises(SeimonError, match="低于 90%"):
            release_period(store, "2021-02", on=dt.date(2021, 4, 1))
        release_period(store, "2021-02", on=dt.date(2021, 4, 1), force=True, by="analyst")
        head = headline_period(store, dt.date(2021, 4, 30))
        assert head is not None and (head.code, head.basis, head.reported, head.expected) == ("2021-01..02", "released",
                                                                                            2, 4)  # fmt: skip
        assert headline_period(store, dt.date(2021, 3, 31)).code == "2020"  # before the release: not yet
