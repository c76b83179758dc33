"""`seimon init` (create a store: the only command that does, besides `demo`, `restore` and an explicit
`--create`), `seimon backup` and `seimon restore` (a whole store in one file, and back, checked table by table)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

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


BackupFile = Annotated[Path, typer.Argument(help="备份文件（.zip）/ backup file (.zip)", show_default=False)]


def backup_command(file: BackupFile, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """备份整个数据库到一个文件 / Back up the whole store into one file (every table, with its fingerprint).

    Run it while nobody writes (stop the server of a DuckDB store first; PostgreSQL can be backed up live
    between imports).
    """
    from seimon.store import open_store
    from seimon.store.backup import backup_store

    with open_store(store) as opened:
        manifest = backup_store(opened, file)
    tables = manifest["tables"]
    result = {
        "file": str(file),
        "schema_version": manifest["schema_version"],
        "tables": len(tables),
        "rows": sum(t["rows"] for t in tables.values()),
    }
    if as_json:
        print_json(result)
        return
    console.print(
        f"已备份 / backed up: {result['tables']} 张表 / tables, {result['rows']} 行 / rows → {file}", highlight=False
    )


def restore_command(file: BackupFile, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """从备份恢复到一个新数据库，并逐表核对 / Restore a backup into a new store and check every table against it.

    The target must be empty (it is created if missing). Exit code 2 when any table does not match.
    """
    from seimon.store import open_store
    from seimon.store.backup import restore_store

    with open_store(store, create=True) as opened:
        checks = restore_store(opened, file)
    result = {
        "file": str(file),
        "tables": [{"table": c.table, "rows": c.rows_found, "matches": c.matches} for c in checks],
        "all_match": all(c.matches for c in checks),
    }
    if as_json:
        print_json(result)
        return
    rows = sum(c.rows_found for c in checks)
    console.print(
        f"已恢复 / restored: {len(checks)} 张表 / tables, {rows} 行 / rows；逐表核对一致 / every table matches",
        highlight=False,
    )
