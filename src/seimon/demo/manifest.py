"""The manifest of a demo directory: what each file is, the order to load them, and the planted errors.

``seimon demo load`` reads it to import the directory kind by kind (enterprises, deflators, regional,
reports, observations); tests read it to check formats and that the quarantine catches exactly the
listed errors. It holds no timestamp, so the same seed gives the same manifest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seimon.demo.errors_injected import InjectedError
from seimon.demo.writers import WrittenFile
from seimon.ingest.directory import LOAD_ORDER  # the order imports must follow, defined once

MANIFEST_NAME = "manifest.json"


@dataclass
class DemoManifest:
    """Everything ``generate_demo`` wrote, with the seed and size that produced it."""

    seed: int
    enterprises: int
    years: tuple[int, int]
    files: list[WrittenFile] = field(default_factory=list)
    errors: list[InjectedError] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    calibration: str = "seimon/resources/demo/calibration.yaml"

    def load_order(self) -> list[str]:
        """File paths in the order to load them."""
        return [f.path for f in sorted(self.files, key=lambda f: f.order)]

    def file(self, path: str) -> WrittenFile:
        """The entry of one file (KeyError if the manifest does not list it)."""
        for entry in self.files:
            if entry.path == path:
                return entry
        raise KeyError(path)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": "seimon demo generate",
            "note_zh": "全部为合成的演示数据，不代表任何真实企业；仅校准文件中标注为公布数的数字为真实统计数据。",
            "note_en": "All data are synthetic; only figures the calibration marks as published are real statistics.",
            "seed": self.seed,
            "enterprises": self.enterprises,
            "years": list(self.years),
            "calibration": self.calibration,
            "kinds_order": list(LOAD_ORDER),
            "load_order": self.load_order(),
            "files": [f.to_dict() for f in sorted(self.files, key=lambda f: f.order)],
            "errors": [e.to_dict() for e in self.errors],
            "summary": self.summary,
        }

    def write(self, out_dir: Path) -> Path:
        """Write ``manifest.json`` (UTF-8, Chinese kept readable) into ``out_dir``."""
        path = out_dir / MANIFEST_NAME
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, out_dir: Path) -> DemoManifest:
        """Read a manifest written by :meth:`write`.

        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = DemoManifest(1, 10, (2019, 2020)).write(d)
        >>> DemoManifest.read(d).years
        (2019, 2020)
        """
        data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        return cls(
            seed=data["seed"],
            enterprises=data["enterprises"],
            years=(data["years"][0], data["years"][1]),
            files=[WrittenFile(**f) for f in data["files"]],
            errors=[InjectedError(**e) for e in data["errors"]],
            summary=data["summary"],
            calibration=data["calibration"],
        )
