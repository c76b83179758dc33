"""Load a directory of data files (the demo data set, a monthly delivery) through the normal import.

The directory holds ``manifest.json`` listing its files and their kinds. Each file goes through
:func:`seimon.ingest.pipeline.import_file`, the same function ``seimon import`` runs, so a demo store
is built exactly as a user's would be. Files are loaded in dependency order — enterprises (reports
need the register), deflators, regional, reports, service reports, talent demand, observations, then the
tracking registers (bases, projects before their progress, responsibilities, tasks before their reports) —
keeping manifest order within a kind.

Manifest forms accepted (``file`` or ``path``, relative to the directory; an optional ``order`` number,
as :mod:`seimon.demo.manifest` writes, orders files within a kind)::

    {"files": [{"kind": "enterprises", "file": "enterprises.csv"}, ...]}
    [{"kind": "reports", "path": "reports_2020.xlsx", "sheet": "报表"}, ...]
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.batches import ImportSummary
from seimon.ingest.loaders import KIND_SPECS
from seimon.ingest.pipeline import import_file
from seimon.store import Store

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
LOAD_ORDER = (
    "enterprises",
    "deflators",
    "regional",
    "reports",
    "service-reports",
    "talent-demand",
    "observations",
    "bases",
    "projects",
    "project-progress",
    "responsibilities",
    "tasks",
    "task-reports",
)

DirectoryProgress = Callable[[int, int, str, ImportSummary | None], None]
"""Called before (summary None) and after each file: (index, count, file name, summary)."""


def read_manifest(directory: Path) -> list[dict[str, Any]]:
    """The manifest's file entries in load order, each with ``kind``, ``path`` (absolute) and ``sheet``.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text('{"files": [{"kind": "reports", "file": "r.csv"},'
    ...     ' {"kind": "enterprises", "file": "e.csv"}]}')
    >>> [e["kind"] for e in read_manifest(d)]
    ['enterprises', 'reports']
    """
    path = Path(directory) / MANIFEST
    where = Location(file=str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeimonError("目录中没有 manifest.json", "no manifest.json in the directory", where, "manifest") from None
    except json.JSONDecodeError as exc:
        raise SeimonError(
            f"manifest.json 不是有效的 JSON：{exc.msg}",
            f"manifest.json is not valid JSON: {exc.msg}",
            Location(file=str(path), line=exc.lineno),
            "manifest",
        ) from None
    entries = data.get("files", []) if isinstance(data, dict) else data
    out = []
    for i, entry in enumerate(entries):
        kind = entry.get("kind") if isinstance(entry, dict) else None
        name = (entry.get("file") or entry.get("path")) if isinstance(entry, dict) else None
        if kind not in KIND_SPECS or not name:
            raise SeimonError(
                f"manifest.json 第 {i + 1} 项应有 kind（{'、'.join(KIND_SPECS)}）和 file",
                f"manifest.json entry {i + 1} needs a kind ({', '.join(KIND_SPECS)}) and a file",
                Location(file=str(path), row=i + 1),
                "manifest",
            )
        order = entry.get("order", i)  # the demo generator's manifest numbers its files
        out.append({"kind": kind, "path": Path(directory) / name, "sheet": entry.get("sheet"), "order": (order, i)})
    out.sort(key=lambda e: (LOAD_ORDER.index(e["kind"]), e["order"]))
    return out


def load_directory(
    store: Store,
    directory: Path | str,
    *,
    user: str | None = None,
    progress: DirectoryProgress | None = None,
    **options: Any,
) -> list[ImportSummary]:
    """Import every file of ``directory``'s manifest in load order; returns one summary per file.

    ``options`` are passed to :func:`~seimon.ingest.pipeline.import_file` (``as_of``, ``resolver``, ...).
    A rejected file does not stop the others: its summary says why.
    """
    entries = read_manifest(Path(directory))
    summaries: list[ImportSummary] = []
    for i, entry in enumerate(entries):
        name = entry["path"].name
        if progress is not None:
            progress(i, len(entries), name, None)
        summary = import_file(store, entry["kind"], entry["path"], sheet=entry["sheet"], user=user, **options)
        summaries.append(summary)
        logger.info("%s (%s): %s", name, entry["kind"], summary.status)
        if progress is not None:
            progress(i + 1, len(entries), name, summary)
    return summaries


__all__ = ["LOAD_ORDER", "MANIFEST", "DirectoryProgress", "load_directory", "read_manifest"]
