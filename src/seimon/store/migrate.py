"""Versioned schema migrations, applied in order, each in its own transaction.

Migrations are packaged SQL files named ``NNNN_description.sql`` under ``resources/migrations``,
written in SQL both engines accept. Where the engines truly differ, a file
``NNNN_description.<dialect>.sql`` (``duckdb`` or ``postgres``) replaces the portable one for that engine.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seimon.resources import resource_path

if TYPE_CHECKING:  # the store opens itself through migrate(): a type-only import, no cycle
    from seimon.store.connection import Store

logger = logging.getLogger(__name__)

# "0002_reference.sql" -> (2, "reference", None); "0002_reference.postgres.sql" -> (2, "reference", "postgres")
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(duckdb|postgres))?\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available_migrations(dialect: str, directory: Path | None = None) -> list[Migration]:
    """The packaged migrations for ``dialect``, dialect-specific files taking precedence."""
    folder = directory or resource_path("migrations")
    chosen: dict[int, tuple[Migration, bool]] = {}
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            continue
        version, name, only = int(match.group(1)), match.group(2), match.group(3)
        if only and only != dialect:
            continue
        specific = only is not None
        if version not in chosen or (specific and not chosen[version][1]):
            chosen[version] = (Migration(version, name, path), specific)
    return [chosen[v][0] for v in sorted(chosen)]


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements at semicolons that end a line; ``--`` comments are dropped."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    parts = re.split(r";\s*$", "\n".join(lines), flags=re.MULTILINE)
    return [p.strip() for p in parts if p.strip()]


def applied_versions(store: Store) -> set[int]:
    if not store.table_exists("schema_migrations"):
        return set()
    return {int(row[0]) for row in store.fetchall("SELECT version FROM schema_migrations")}


def migrate(store: Store, directory: Path | None = None) -> list[int]:
    """Apply every pending migration; returns the versions applied now."""
    store.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    done = applied_versions(store)
    applied: list[int] = []
    for migration in available_migrations(store.dialect, directory):
        if migration.version in done:
            continue
        logger.info("applying migration %04d_%s", migration.version, migration.name)
        with store.transaction():
            for statement in split_statements(migration.path.read_text(encoding="utf-8")):
                store.execute(statement)
            store.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (migration.version, migration.name),
            )
        applied.append(migration.version)
    return applied
