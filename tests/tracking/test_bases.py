"""The 35 bases: the plan's 5 national ones, 30 provincial ones named by a register, enterprises, figures, ranks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import Store, open_store
from seimon.tracking.bases import base_figures, base_profiles

runner = CliRunner()
CODES = list(generate_codes("130100", 5, seed=16))

REGISTER = """基地编号,基地名称,级别,功能区,地区代码,主导产业,认定日期
provincial_slot_10,石家庄高新区生物医药产业示范基地,省级,冀中南功能拓展区,130100,生物,2016-08-01
provincial_slot_05,唐山机器人产业示范基地,省级,,130200,1.1,2016-08-01
"""
ENTERPRISES = (
    "统一社会信用代码,企业名称,地区代码,行业代码,所属基地\n"
    f"{CODES[0]},甲生物,130100,2710,national_sjz_bio\n"
    f"{CODES[1]},乙生物,130100,2720,national_sjz_bio\n"
    f"{CODES[2]},丙医药,130100,2710,石家庄高新区生物医药产业示范基地\n"
    f"{CODES[3]},丁机器人,130200,3491,provincial_slot_05\n"
    f"{CODES[4]},戊公司,130200,3491,\n"
)
REPORTS = (
    "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值\n"
    f"{CODES[0]},2018年1-12月,1000,300,280\n"
    f"{CODES[0]},2019年1-12月,1200,350,300\n"
    f"{CODES[1]},2019年1-12月,500,150,140\n"
    f"{CODES[2]},2018年1-12月,2000,600,500\n"
    f"{CODES[2]},2019年1-12月,2100,620,600\n"
    f"{CODES[3]},2019年1-12月,800,200,190\n"
    f"{CODES[4]},2019年1-12月,9000,2000,1900\n"
)


def load(store: Store, tmp_path: Path) -> None:
    for kind, text in (("bases", REGISTER), ("enterprises", ENTERPRISES), ("reports", REPORTS)):
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert import_file(store, kind, tmp_path / f"{kind}.csv").status == "loaded", kind


def test_profiles_of_the_35_bases(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    profiles = {p.id: p for p in base_profiles(store)}
    assert len(profiles) == 35 and sum(p.level == "national" for p in profiles.values()) == 5
    assert sum(p.name is not None for p in profiles.values()) == 7  # 5 from the plan, 2 from the register
    sjz = profiles["provincial_slot_10"]
    assert (sjz.name, sjz.zone, sjz.zone_name, sjz.industries) == (
        "石家庄高新区生物医药产业示范基地",
        "zone_central_south",
        "冀中南功能拓展区",
        ["biology"],
    )
    assert profiles["provincial_slot_05"].industries == ["advanced_equipment"]
    assert profiles["provincial_slot_05"].zone == "zone_coastal"  # the plan's slot keeps its zone
    assert profiles["national_zjk_renewable"].zone == "zone_northwest"  # from its region


def test_figures_and_ranking(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    period, figures = base_figures(store, dt.date.today())
    assert period == "2019-01..12"
    rows = {f.base: f for f in figures}
    bio = rows["national_sjz_bio"]
    assert (bio.enterprises, bio.reporting, bio.revenue, bio.value_added) == (2, 2, 1700.0, 500.0)
    assert round(bio.growth or 0, 6) == 0.2  # same firms: 1200 / 1000 (乙 has no 2018 report)
    assert rows["provincial_slot_10"].revenue == 2100.0 and round(rows["provincial_slot_10"].growth or 0, 6) == 0.05
    assert rows["provincial_slot_05"].growth is None
    ranks = {f.base: (f.rank_revenue, f.rank_growth) for f in figures if f.rank_revenue}
    assert ranks == {"provincial_slot_10": (1, 2), "national_sjz_bio": (2, 1), "provincial_slot_05": (3, None)}
    assert base_figures(store, dt.date(2019, 1, 1))[0] is None  # nothing reported was known then


def test_cli_bases(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    with open_store(url) as store:
        load(store, tmp_path)
    result = runner.invoke(app, ["bases", "--period", "2019", "--store", url, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["period"] == "2019-01..12" and len(doc["bases"]) == 35 and doc["named"] == 7
    assert doc["ranking_revenue"] == ["provincial_slot_10", "national_sjz_bio", "provincial_slot_05"]
    assert doc["ranking_growth"] == ["national_sjz_bio", "provincial_slot_10"]
