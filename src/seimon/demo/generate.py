"""Generate a complete demo directory: register, reports, deflators, regional totals, observations.

One seed drives one numpy generator through every step in a fixed order, so the same arguments give
the same files. Formats are mixed on purpose (UTF-8 and GBK CSV, a plain XLSX, a city bureau's XLSX
with a title, a merged two-row header and a footnote, one file in 亿元), because the import must cope
with all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from seimon.demo.calibration import load_calibration
from seimon.demo.enterprises import GROUP_AUTOMATIC, Register, generate_register
from seimon.demo.errors_injected import (
    MARKER,
    InjectedError,
    PlannedError,
    inject_enterprise_errors,
    inject_report_errors,
    locate,
)
from seimon.demo.manifest import LOAD_ORDER, DemoManifest
from seimon.demo.observations import observation_tables
from seimon.demo.regional import regional_table
from seimon.demo.reports import REPORT_FIELDS, corrections, deflator_table, simulate, year_reports
from seimon.demo.services import SERVICE_ENTERPRISE_FIELDS, SERVICE_REPORT_FIELDS, ServicesDemo, generate_services
from seimon.demo.talent import TALENT_FIELDS, talent_demand_table
from seimon.demo.tracking import write_tracking
from seimon.demo.writers import Language, WrittenFile, write_csv, write_xlsx_report, write_xlsx_table
from seimon.errors import Location, SeimonError
from seimon.plan import load_plan

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as ``progress(step description, steps done, total steps)``."""

ENTERPRISE_FIELDS = ("credit_code", "name", "region", "industry", "products", "base", "size", "established")
DEFLATOR_FIELDS = ("industry", "period", "price_index", "base")
REGIONAL_FIELDS = ("region", "period", "indicator", "value", "unit", "source", "note")
OBSERVATION_FIELDS = ("indicator", "region", "period", "value", "unit", "source", "reliability", "note", "published")
XLSX_UNIT = "130600"  # 保定 submits its reports as a spreadsheet made for people


@dataclass(frozen=True)
class _YearFormat:
    encoding: str
    language: Language
    money_unit: str
    xlsx_unit: bool = False  # one city's rows go to a separate, formatted XLSX


# By position of the year in the range, so that even two years give GBK, XLSX and a 亿元 file.
_YEAR_FORMATS = (
    _YearFormat("gbk", "zh", "万元"),
    _YearFormat("utf-8-sig", "zh", "亿元", xlsx_unit=True),
    _YearFormat("utf-8", "en", "万元"),
    _YearFormat("gbk", "zh", "万元"),
    _YearFormat("utf-8-sig", "zh", "万元"),
    _YearFormat("utf-8", "en", "万元"),
)


def _check_arguments(enterprises: int, years: tuple[int, int]) -> None:
    lo, hi = load_calibration().years
    if not (lo <= years[0] <= years[1] <= hi):
        raise SeimonError(
            f"年份范围 {years[0]}-{years[1]} 超出校准范围 {lo}-{hi}",
            f"years {years[0]}-{years[1]} are outside the calibrated range {lo}-{hi}",
            Location(field="years"),
            "bad_option",
        )
    if enterprises < 50:
        raise SeimonError(
            f"企业数至少为 50（实为 {enterprises}）",
            f"at least 50 enterprises are needed (got {enterprises})",
            Location(field="enterprises"),
            "bad_option",
        )


def _size_class(revenue: np.ndarray, employees: np.ndarray, thresholds: dict[str, tuple[float, float]]) -> np.ndarray:
    """大型/中型/小型/微型 by the 2017 NBS rule for industry (both persons and revenue must reach the bound)."""
    out = np.full(len(revenue), "微型", dtype=object)
    for label, key in (("小型", "small"), ("中型", "medium"), ("大型", "large")):
        persons, money = thresholds[key]
        out[(employees >= persons) & (revenue >= money)] = label
    return out


def _register_frame(reg: Register, sizes: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "credit_code": reg.credit_code,
            "name": reg.name,
            "region": reg.region,
            "industry": reg.industry,
            "products": reg.products,
            "base": reg.base,
            "size": sizes,
            "established": reg.established,
        }
    )


def generate_demo(
    out_dir: Path,
    *,
    enterprises: int = 10000,
    years: tuple[int, int] = (2015, 2020),
    seed: int = 2016,
    progress: Progress | None = None,
) -> DemoManifest:
    """Write a demo directory of import files and ``manifest.json``; return the manifest.

    >>> import tempfile
    >>> m = generate_demo(Path(tempfile.mkdtemp()), enterprises=60, years=(2020, 2020), seed=1)
    >>> [f.kind for f in m.files][:3], sorted({e.rule for e in m.errors})[:2]
    (['enterprises', 'enterprises', 'deflators'], ['enterprise_credit_code', 'enterprise_region_code'])
    """
    _check_arguments(enterprises, years)
    first, last = years
    out_dir.mkdir(parents=True, exist_ok=True)
    cal = load_calibration()
    rng = np.random.default_rng(seed)
    total_steps = 6 + (last - first + 1)
    done = 0

    def step(text: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(text, done, total_steps)

    manifest = DemoManifest(seed=seed, enterprises=enterprises, years=years)
    reg = generate_register(cal, enterprises, years, rng)
    sim = simulate(cal, reg, years, rng)
    k_entry = np.array([sim.year_index(max(first, int(y))) for y in reg.entry_year])
    revenue_entry = sim.revenue.sum(axis=2)[np.arange(len(reg)), k_entry]
    employees_entry = sim.employees[np.arange(len(reg)), k_entry]
    sizes = _size_class(revenue_entry, employees_entry, cal.size_classes.industry)
    step("企业名录 / register")

    frame, planned = inject_enterprise_errors(_register_frame(reg, sizes), rng)
    wf = write_csv(
        frame, out_dir, "enterprises.csv", kind="enterprises", fields=ENTERPRISE_FIELDS, language="zh",
        encoding="utf-8-sig", description=("企业名录（规上工业，含进入和退出）", "enterprise register"),
    )  # fmt: skip
    manifest.errors += locate(frame, planned, file=wf.path, sheet=None, first_data_row=wf.first_data_row)
    files = [wf]
    files.append(
        write_xlsx_table(
            deflator_table(sim, years), out_dir, "deflators.xlsx", kind="deflators", fields=DEFLATOR_FIELDS,
            language="en", sheet="deflators",
            description=("分行业大类价格指数（上年同期=100，累计）", "price indices by division"),
        )
    )  # fmt: skip
    step("价格指数 / deflators")
    files.append(
        write_csv(
            regional_table(cal, years), out_dir, "regional.csv", kind="regional", fields=REGIONAL_FIELDS,
            language="zh", encoding="gbk", description=("地区生产总值与规上工业增加值", "GDP and above-scale VA"),
        )
    )  # fmt: skip
    step("地区数据 / regional")

    summary_years: dict[str, dict[str, float | int]] = {}
    for position, year in enumerate(range(first, last + 1)):
        reports = year_reports(sim, reg, year, rng)
        summary_years[str(year)] = _year_summary(reports, reg, year)
        written, errors = _write_year(out_dir, reports, reg, year=year, position=position, years=years, rng=rng)
        files += written
        manifest.errors += errors
        step(f"{year}年报表 / {year} reports")

    services = _add_services(files, out_dir, (enterprises, years, seed), taken={*reg.credit_code, *reg.name})
    step("服务业企业与报表 / services enterprises and reports")

    first_obs, revised_obs = observation_tables(cal, load_plan(), years, rng)
    files.append(
        write_xlsx_table(
            first_obs, out_dir, "observations.xlsx", kind="observations", fields=OBSERVATION_FIELDS,
            language="zh", sheet="观测值", description=("目标指标公开数据（首次发布）", "published observations"),
        )
    )  # fmt: skip
    files.append(
        write_csv(
            revised_obs, out_dir, "observations_revisions.csv", kind="observations", fields=OBSERVATION_FIELDS,
            language="en", encoding="utf-8",
            description=("目标指标公开数据（修订发布）", "later, revised publications (vintages)"),
        )
    )  # fmt: skip
    step("观测值 / observations")
    files += [
        _talent_file(out_dir, reg, last, seed),
        *write_tracking(out_dir, load_plan(), years, np.random.default_rng([seed, 16])),
    ]

    ordered = sorted(files, key=lambda f: LOAD_ORDER.index(f.kind))  # stable: years stay in order
    for order, entry in enumerate(ordered, start=1):
        entry.order = order
    manifest.files = ordered
    manifest.summary = {
        "years": summary_years,
        "entrants": {str(y): int((reg.entry_year == y).sum()) for y in range(first + 1, last + 1)},
        "exits": {str(y): int((reg.last_year == y).sum()) for y in range(first, last)},  # last report in y
        "register_rows": len(reg),
        "sei_enterprises": int(reg.is_sei.sum()),
        "services": _services_summary(services),
    }
    manifest.write(out_dir)
    step("清单 / manifest")
    logger.info("demo written to %s: %d files, %d planted errors", out_dir, len(manifest.files), len(manifest.errors))
    return manifest


def _write_year(
    out_dir: Path,
    reports: pd.DataFrame,
    reg: Register,
    *,
    year: int,
    position: int,
    years: tuple[int, int],
    rng: np.random.Generator,
) -> tuple[list[WrittenFile], list[InjectedError]]:
    """Write one year's reports in that year's format; plant the report errors in the first year."""
    fmt = _YEAR_FORMATS[position % len(_YEAR_FORMATS)]
    files: list[WrittenFile] = []
    errors: list[InjectedError] = []
    if fmt.xlsx_unit:
        in_xlsx = (reports["_unit"] == XLSX_UNIT).to_numpy()
        city = reports[in_xlsx].copy()
        city["name"] = city["credit_code"].map(dict(zip(reg.credit_code, reg.name, strict=True)))
        files.append(
            write_xlsx_report(
                city, out_dir, f"reports_{year}_baoding.xlsx", sheet=f"{year}年",
                title=f"保定市{year}年规模以上工业企业主要经济指标（累计）",
                footnote="注：本表为演示数据，由 seimon demo generate 合成，不代表任何真实企业。",
                description=(f"{year}年保定市企业报表（标题行、两行合并表头、表注）", f"{year} Baoding reports"),
            )
        )  # fmt: skip
        reports = reports[~in_xlsx].reset_index(drop=True)
    planned: list[PlannedError] = []
    if position == 0:
        future_year = 2090 + years[1] % 10  # "2020" mistyped as "2090": a period that has not happened
        reports, planned = inject_report_errors(reports, rng, future_year)
    money = "（亿元）" if fmt.money_unit == "亿元" else ""
    wf = write_csv(
        reports, out_dir, f"reports_{year}.csv", kind="reports", fields=REPORT_FIELDS, language=fmt.language,
        encoding=fmt.encoding, money_unit=fmt.money_unit,
        description=(f"{year}年企业累计报表{money}", f"{year} cumulative enterprise reports ({fmt.money_unit})"),
    )  # fmt: skip
    errors += locate(reports, planned, file=wf.path, sheet=None, first_data_row=wf.first_data_row)
    files.append(wf)
    correction_year = years[1] - 1 if years[1] > years[0] else years[1]
    if year == correction_year:
        files.append(
            write_csv(
                corrections(year_reports_clean(reports), rng), out_dir, f"reports_{year}_corrections.csv",
                kind="reports", fields=REPORT_FIELDS, language="zh", encoding="utf-8",
                description=(f"{year}年更正报送（修订值）", f"{year} corrected resubmission (revised values)"),
            )
        )  # fmt: skip
    return files, errors


def _add_services(
    files: list[WrittenFile], out_dir: Path, size: tuple[int, tuple[int, int], int], taken: set[str]
) -> ServicesDemo:
    """Draw the services enterprises (``size``: industrial enterprises, years, seed; their own generator) and write
    the services register (a second ``enterprises`` file) and each year's form; list them in ``files``."""
    enterprises, years, seed = size
    services = generate_services(enterprises, years, np.random.default_rng([seed, 19]), taken)
    files += [
        write_csv(
            services.register, out_dir, "service_enterprises.csv", kind="enterprises",
            fields=SERVICE_ENTERPRISE_FIELDS, language="zh", encoding="utf-8-sig",
            description=("企业名录（规上服务业）", "enterprise register (above-scale services)"),
        )
    ]  # fmt: skip
    for year, frame in services.reports.items():
        files.append(
            write_csv(
                frame, out_dir, f"service_reports_{year}.csv", kind="service-reports", fields=SERVICE_REPORT_FIELDS,
                language="zh", encoding="utf-8",
                description=(f"{year}年规上服务业企业财务状况（累计，月报或季报）", f"{year} services form"),
            )
        )  # fmt: skip
    return services


def _talent_file(out_dir: Path, reg: Register, year: int, seed: int) -> WrittenFile:
    """The last year's talent demand of the SEI enterprises (own generator ``[seed, 18]``), for the guide."""
    talent = talent_demand_table(reg, year, np.random.default_rng([seed, 18]))
    return write_csv(
        talent, out_dir, "talent_demand.csv", kind="talent-demand", fields=TALENT_FIELDS, language="zh",
        encoding="utf-8", description=(f"{year}年企业人才需求（紧缺人才目录）", f"{year} talent demand"),
    )  # fmt: skip


def _services_summary(services: ServicesDemo) -> dict[str, object]:
    """What the services files hold, for checking a loaded demo: enterprises and 1–12月 revenue in 亿元."""
    sei_codes = set(services.register["credit_code"][services.sei])
    out: dict[str, object] = {"enterprises": len(services.register), "sei_enterprises": int(services.sei.sum())}
    for year, frame in services.reports.items():
        annual = frame[frame["_month"] == 12]
        out[str(year)] = {
            "revenue_100m_yuan": round(float(annual["revenue"].sum()) / 1e4, 1),
            "sei_revenue_100m_yuan": round(
                float(annual[annual["credit_code"].isin(sei_codes)]["revenue"].sum()) / 1e4, 1
            ),
        }
    return out


def year_reports_clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a report frame without planted errors (corrections are made from clean rows only)."""
    if MARKER not in frame.columns:
        return frame.reset_index(drop=True)
    return frame[frame[MARKER] == ""].drop(columns=[MARKER]).reset_index(drop=True)


def _year_summary(reports: pd.DataFrame, reg: Register, year: int) -> dict[str, float | int]:
    """Totals the generator aimed at, for checking a loaded demo: VA in 亿元 and SEI shares (1-12月)."""
    annual = reports[reports["_month"] == 12]
    total = float(annual["value_added"].sum())
    sei = float(annual.loc[annual["_group"] > 0, "value_added"].sum())
    automatic = float(annual.loc[annual["_group"] == GROUP_AUTOMATIC, "value_added"].sum())
    return {
        "reporting_enterprises": int(reg.active(year).sum()),
        "value_added_100m_yuan": round(total / 1e4, 1),
        "sei_share": round(sei / total, 4) if total else 0.0,
        "sei_share_automatic_classes": round(automatic / total, 4) if total else 0.0,
    }
