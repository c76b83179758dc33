"""`seimon init`: create a store (the only command that does, besides `demo` and an explicit `--create`)."""

from __future__ import annotations

import logging
from pathlib import Path

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json

logger = logging.getLogger(__name__)


def init_command(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """新建数据库并建好全部表 / Create a store with every table (an existing one is brought up to date).

    Other commands refuse a store that does not exist (a mistyped --store no longer starts an empty one);
    `seimon --create COMMAND …` creates it on the way.
    """
    from seimon.store import open_store, parse_store_url
    from seimon.store.migrate import applied_versions

    parsed = parse_store_url(store)
    existed = parsed.backend != "duckdb" or parsed.path == ":memory:" or Path(parsed.path or "").exists()
    with open_store(parsed, create=True) as opened:
        versions = sorted(applied_versions(opened))
    result = {"store": str(parsed), "created": not existed, "schema_version": versions[-1] if versions else None}
    if as_json:
        print_json(result)
        return
    verb = "已新建 / created" if result["created"] else "已存在，结构已更新 / exists, schema up to date"
    console.print(f"数据库 / store {result['store']}: {verb} (schema {result['schema_version']})", highlight=False)
