"""One small demo store for the whole report test session, and each report built and rendered once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from seimon.demo import generate_demo
from seimon.ingest.directory import load_directory
from seimon.report import Bulletin, Evaluation, build_bulletin, build_evaluation, render
from seimon.store import Store, open_store

PERIOD = "2020-09"
AS_OF = dt.date(2020, 12, 31)


@pytest.fixture(scope="session")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """300 demo enterprises, 2018–2020, loaded through the real import pipeline (about 20 s)."""
    root = tmp_path_factory.mktemp("report_store")
    generate_demo(root / "demo", enterprises=300, years=(2018, 2020), seed=1)
    store = open_store(f"duckdb://{root / 'store.duckdb'}")
    load_directory(store, root / "demo")
    yield store
    store.close()


@pytest.fixture(scope="session")
def bulletin_public(report_store: Store) -> Bulletin:
    return build_bulletin(report_store, PERIOD, "public", "zh")


@pytest.fixture(scope="session")
def bulletin_internal(report_store: Store) -> Bulletin:
    return build_bulletin(report_store, PERIOD, "internal", "zh")


@pytest.fixture(scope="session")
def evaluation(report_store: Store) -> Evaluation:
    return build_evaluation(report_store, AS_OF, "zh")


@pytest.fixture(scope="session")
def rendered(bulletin_public: Bulletin, evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Both reports in all four formats, rendered once: {("bulletin"|"evaluation", format): bytes}."""
    out = tmp_path_factory.mktemp("rendered")
    files: dict[tuple[str, str], bytes] = {}
    for name, report in (("bulletin", bulletin_public), ("evaluation", evaluation)):
        for fmt in ("html", "docx", "xlsx", "pdf"):
            data = render(report, fmt)
            (out / f"{name}.{fmt}").write_bytes(data)
            files[(name, fmt)] = data
    return files
