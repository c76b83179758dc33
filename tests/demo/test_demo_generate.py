"""The demo generator: files as the manifest says, valid codes, cumulative reports, calibration, errors."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from seimon.demo import DemoManifest, generate_demo
from seimon.demo.writers import header_label
from seimon.ingest.headers import Record, resolve_header
from seimon.ingest.readers import open_table
from seimon.ingest.rules import ValidationContext, validate_rows
from seimon.reference import credit_code as uscc
from seimon.reference.concordance import builtin_concordance
from seimon.reference.industries import is_valid_division
from seimon.reference.regions import load_regions
from seimon.reference.sei import PlanIndustryMap

N = 300
YEARS = (2016, 2020)
SEED = 11


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("demo")
    manifest = generate_demo(out, enterprises=N, years=YEARS, seed=SEED)
    return out, manifest


def _records(path: Path, kind: str) -> list[Record]:
    with open_table(path) as table:
        header = resolve_header(kind, table.info)
        return [header.convert(row) for row in table.rows()]


def _injected_rows(manifest: DemoManifest, file: str) -> set[int]:
    return {e.row for e in manifest.errors if e.file == file}


def test_manifest_lists_every_file_with_its_format(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    reread = DemoManifest.read(out)
    assert reread.load_order() == manifest.load_order()
    written = {p.name for p in out.iterdir()} - {"manifest.json"}
    assert written == {f.path for f in manifest.files}
    kinds = [f.kind for f in sorted(manifest.files, key=lambda f: f.order)]
    order = ["enterprises", "deflators", "regional", "reports", "service-reports", "talent-demand", "observations"]
    order += ["bases"]
    order += ["projects"]
    order += ["project-progress", "responsibilities", "tasks", "task-reports"]
    assert kinds == sorted(kinds, key=order.index)
    assert {f.encoding for f in manifest.files if f.format == "csv"} >= {"gbk", "utf-8", "utf-8-sig"}
    assert any(f.format == "xlsx" and f.kind == "reports" for f in manifest.files)
    assert any(f.money_unit == "亿元" for f in manifest.files)
    for entry in manifest.files:
        path = out / entry.path
        if entry.format == "csv":
            raw = path.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf") == (entry.encoding == "utf-8-sig")
            text = raw.decode(entry.encoding or "utf-8")  # strict: a GBK file must decode as GBK
            header = next(csv.reader([text.splitlines()[0]]))
            assert header[0] in {"credit_code", "统一社会信用代码", "industry", "行业代码", "region", "地区代码",
                                 "indicator", "指标", "基地编号", "项目编号", "目标", "任务编号"}  # fmt: skip
            unit = entry.money_unit
            if entry.kind == "reports":
                assert header[2] == header_label("reports", "revenue", entry.language, unit)
            data_lines = sum(1 for _ in csv.reader(text.splitlines()[1:]))
            assert data_lines == entry.rows
        else:
            wb = load_workbook(path, read_only=True)
            assert wb.sheetnames == [entry.sheet]
            wb.close()
        with open_table(path) as table:
            assert table.info.header_row == entry.header_row
            assert table.info.header_rows == entry.header_rows
            assert sum(1 for _ in table.rows()) == entry.rows


def test_baoding_workbook_has_title_merged_header_and_footnote(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    entry = next(f for f in manifest.files if f.format == "xlsx" and f.kind == "reports")
    wb = load_workbook(out / entry.path)
    ws = wb[entry.sheet]
    assert "保定市" in ws["A1"].value
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:I1", "E2:F2", "A2:A3"}
    assert ws.cell(ws.max_row, 1).value.startswith("注：")
    header = resolve_header("reports", open_table(out / entry.path).info)
    assert header.column_for("value_added_prior").source == "工业增加值(万元)_上年同期"


def test_credit_codes_valid_except_the_injected_one(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    regions = load_regions()
    bad = {e.value for e in manifest.errors if e.field == "credit_code" and e.file == "enterprises.csv"}
    assert len(bad) == 1
    register = _records(out / "enterprises.csv", "enterprises")
    assert len(register) == N + 2  # two planted extra rows
    invalid = {r.values["credit_code"] for r in register if not uscc.is_valid(r.values["credit_code"])}
    assert invalid == bad
    for r in register:
        code, region = r.values["credit_code"], r.values["region"]
        assert uscc.region_of(code) == region
        if r.row_number not in _injected_rows(manifest, "enterprises.csv"):
            assert regions.get(region).kind == "county"
    regions_used = {r.values["region"] for r in register}
    assert regions_used & {"130629", "130632", "130638"}, "some enterprises in the 雄安 counties"
    known = {r.values["credit_code"] for r in register}
    for entry in manifest.files:
        if entry.kind == "reports":
            codes = {r.values["credit_code"] for r in _records(out / entry.path, "reports")}
            assert codes <= known
            assert all(uscc.is_valid(c) for c in codes)


def _reports_by_year(out: Path, manifest: DemoManifest, touched: set[str] | None = None) -> dict[int, list[Record]]:
    """Original report rows by year, without the planted rows (whose codes go to ``touched``)."""
    by_year: dict[int, list[Record]] = defaultdict(list)
    for entry in manifest.files:
        if entry.kind != "reports" or "corrections" in entry.path:
            continue
        skip = _injected_rows(manifest, entry.path)
        for record in _records(out / entry.path, "reports"):
            if record.row_number not in skip:
                by_year[record.values["period"].year].append(record)
            elif touched is not None:
                touched.add(record.values["credit_code"])
    return by_year


def test_reports_are_cumulative_with_eleven_periods_and_no_january(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    touched: set[str] = set()
    by_year = _reports_by_year(out, manifest, touched)
    assert len(touched) == 4  # the four report mistakes are in four enterprises
    assert sorted(by_year) == list(range(YEARS[0], YEARS[1] + 1))
    for year, records in by_year.items():
        series: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        for r in records:
            p = r.values["period"]
            assert p.kind == "ytd" and p.start_month == 1 and p.end_month >= 2
            assert r.values["value_added"] <= r.values["revenue"]
            series[r.values["credit_code"]].append((p.end_month, r.values["revenue"], r.values["value_added"]))
        for code, points in series.items():
            points.sort()
            months = [m for m, _, _ in points]
            if code in touched:  # a planted row is missing (quarantined) or repeated
                assert set(months) <= set(range(2, 13)), (year, code)
            else:
                assert months == list(range(2, 13)), (year, code)
            revenue = [v for _, v, _ in points]
            assert revenue == sorted(revenue), (year, code)
        december = [r for r in records if r.values["period"].end_month == 12]
        february = [r for r in records if r.values["period"].end_month == 2]
        share_12 = sum(r.values["value_added"] for r in december)
        share_2 = sum(r.values["value_added"] for r in february)
        assert share_2 < share_12 * 2 / 12, "1–2月 below two average months (seasonality)"


def test_entries_and_exits(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    by_year = _reports_by_year(out, manifest)
    reporting = {y: {r.values["credit_code"] for r in recs} for y, recs in by_year.items()}
    entered = reporting[YEARS[1]] - reporting[YEARS[0]]
    left = reporting[YEARS[0]] - reporting[YEARS[1]]
    assert entered and left


def test_sei_share_of_value_added_in_last_year(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    concordance = builtin_concordance()
    no_plan = PlanIndustryMap([])
    industry = {r.values["credit_code"]: r.values["industry"] for r in _records(out / "enterprises.csv", "enterprises")}
    last = _reports_by_year(out, manifest)[YEARS[1]]
    annual = [r for r in last if r.values["period"].end_month == 12]
    total = sum(r.values["value_added"] for r in annual)
    automatic = sum(
        r.values["value_added"]
        for r in annual
        if concordance.lookup(industry[r.values["credit_code"]], no_plan).automatic
    )
    assert 0.15 <= automatic / total <= 0.25
    non_sei = sum(1 for code in industry.values() if not concordance.lookup(code, no_plan).candidates)
    assert 0.6 <= non_sei / len(industry) <= 0.85


def test_province_gdp_exactly_as_published(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    gdp = {
        r.values["period"].year: r.values["value"]
        for r in _records(out / "regional.csv", "regional")
        if r.values["region"] == "130000" and r.values["indicator"] == "地区生产总值"
    }
    assert gdp[2016] == 31827.9
    assert gdp[2020] == 36206.9


def _lookups() -> dict[str, Any]:
    regions = load_regions()
    return {
        "region": lambda code: code in regions,
        "industry": is_valid_division,
        "industry_division": is_valid_division,
    }


def test_quarantine_catches_exactly_the_injected_errors(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    found = set()
    for entry in manifest.files:
        with open_table(out / entry.path) as table:
            header = resolve_header(entry.kind, table.info)
            context = ValidationContext(entry.path, table.info.sheet, lookups=_lookups())
            _, errors = validate_rows(entry.kind, header.records(table.rows()), context)
        assert [e for e in errors if e.severity == "warning"] == [], entry.path
        found |= {(e.file, e.row, e.field, e.rule) for e in errors}
    expected = {(e.file, e.row, e.field, e.rule) for e in manifest.errors}
    assert len(expected) == 6
    assert found == expected


def test_observations_cover_targets_with_mixed_units_and_vintages(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    first = _records(out / "observations.xlsx", "observations")
    revised = _records(out / "observations_revisions.csv", "observations")
    units = {r.values["unit"] for r in first}
    assert {"万千瓦", "家", "亿元"} <= units
    key = {(r.values["indicator"], r.values["region"], r.values["period"]): r for r in first}
    assert revised
    for r in revised:
        original = key[(r.values["indicator"], r.values["region"], r.values["period"])]
        assert r.values["published"] > original.values["published"]
    kinds = {r.values["period"].kind for r in first}
    assert {"year", "point"} <= kinds


def _content(path: Path) -> list[tuple[Any, ...]]:
    if path.suffix == ".xlsx":
        wb = load_workbook(path, read_only=True)
        rows = [tuple(row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    return [(path.read_bytes(),)]


def test_same_seed_same_files_other_seed_other_files(demo: tuple[Path, DemoManifest], tmp_path: Path) -> None:
    out, manifest = demo
    again = generate_demo(tmp_path / "again", enterprises=N, years=YEARS, seed=SEED)
    assert again.to_dict() == manifest.to_dict()
    for entry in manifest.files:
        assert _content(out / entry.path) == _content(tmp_path / "again" / entry.path), entry.path
    other = generate_demo(tmp_path / "other", enterprises=N, years=YEARS, seed=SEED + 1)
    assert (tmp_path / "other" / "enterprises.csv").read_bytes() != (out / "enterprises.csv").read_bytes()
    assert other.summary != manifest.summary
