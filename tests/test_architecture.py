"""Data flows one way: a stage may import from the stages before it, never from those after it."""

from __future__ import annotations

import ast
from pathlib import Path

import seimon

PACKAGE = Path(seimon.__file__).parent

# Lower index = earlier stage. Foundation modules (errors, units, periods, store, ...) come first.
LAYERS: list[set[str]] = [
    {"errors", "resources", "numerals", "units", "periods", "logging_setup", "store", "spreadsheet_cells", "declared"},
    {"plan"},
    {"reference"},
    {"tracking"},  # registers beside the plan (projects, responsibilities): read by assess, loaded by ingest
    {"ingest"},
    {"demo"},  # synthetic data in the import formats, loaded through ingest
    {"indicators"},
    {"assess"},
    {"appraise"},  # composite appraisal of cities, departments, bases (考核评价)
    {"disclose"},
    {"report"},
    {"access"},  # users, roles, the authorisation policy, audit log
    {"services"},  # workflows shared by web and CLI: submissions, releases, reports, users
    {"web"},
    {"cli", "__main__", "api"},
]


def layer_of(top: str) -> int:
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"seimon.{top} is not placed in a layer of tests/test_architecture.py")


def seimon_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("seimon."):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("seimon."))
    return found


def test_every_top_level_module_has_a_layer() -> None:
    for child in PACKAGE.iterdir():
        if child.name.startswith("_") and child.name != "__main__.py":
            continue
        if child.suffix == ".py" or (child.is_dir() and (child / "__init__.py").exists()):
            layer_of(child.stem)


def test_no_stage_imports_a_later_stage() -> None:
    violations = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        own = layer_of(rel.parts[0].removesuffix(".py")) if rel.parts[0] != "__init__.py" else 0
        for line, module in seimon_imports(path):
            target = module.split(".")[1]
            if layer_of(target) > own:
                violations.append(f"{rel}:{line} imports {module}")
    assert not violations, "imports against the data flow:\n" + "\n".join(violations)
