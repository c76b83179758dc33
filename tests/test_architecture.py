"""Data flows one way: a stage may import from the stages before it, never from those after it."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import seimon

PACKAGE = Path(seimon.__file__).parent

# Lower index = earlier stage. Foundation modules (errors, units, periods, store, ...) come first.
LAYERS: list[set[str]] = [
    {
        "errors",
        "resources",
        "numerals",
        "units",
        "periods",
        "clock",
        "logging_setup",
        "store",
        "spreadsheet_cells",
        "declared",
    },
    {"plan"},
    {"reference"},
    {"tracking"},  # registers beside the plan (projects, responsibilities): read by assess, loaded by ingest
    {"ingest"},
    {"demo"},  # synthetic data in the import formats, loaded through ingest
    {"indicators"},
    {"assess"},
    {"appraise"},  # composite appraisal of cities, departments, bases (考核评价)
    {"disclose"},
    {"evaluation"},  # third-party evaluations: judgements, evidence, sign-off (read by report)
    {"report"},
    {"access"},  # users, roles, the authorisation policy, audit log
    {"services"},  # workflows shared by web and CLI: authorised, done and audited in one place
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


DIAGRAM = Path(__file__).parents[1] / "docs" / "architecture.md"
SHELL_ENTRY = {"__main__": "cli"}  # ``python -m seimon`` is the CLI's door, drawn as the CLI


def diagram_layers() -> list[set[str]]:
    """The layers the mermaid diagram of docs/architecture.md draws: the foundations group, then the chain."""
    text = DIAGRAM.read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert block, "docs/architecture.md has no mermaid diagram"
    layers: list[set[str]] = []
    group: set[str] | None = None
    chain: list[str] = []
    for raw in block.group(1).splitlines():
        line = raw.strip()
        if line.startswith("subgraph "):
            group = set()
        elif line == "end" and group is not None:
            layers.append(group)
            group = None
        elif group is not None and re.fullmatch(r"\w+", line):
            group.add(line)
        elif edge := re.fullmatch(r"(\w+) --> (\w+)", line):  # "plan --> reference": reference may use plan
            if not chain:
                chain.append(edge.group(1))
            assert chain[-1] == edge.group(1), f"the diagram's chain breaks at {line!r}"
            chain.append(edge.group(2))
    assert layers and chain and chain[0] == "foundations", "the diagram starts with the foundations group"
    return layers + [{name} for name in chain[1:]]


def top_level_names() -> set[str]:
    names = set()
    for child in PACKAGE.iterdir():
        if child.name.startswith("_") and child.name != "__main__.py":
            continue
        if child.suffix == ".py" or (child.is_dir() and (child / "__init__.py").exists()):
            names.add(SHELL_ENTRY.get(child.stem, child.stem))
    return names


def test_the_diagram_names_every_package_in_the_enforced_order() -> None:
    """A package added to src/seimon without a place in docs/architecture.md's diagram fails here."""
    drawn = diagram_layers()
    in_diagram = set().union(*drawn)
    assert top_level_names() - in_diagram == set(), "packages missing from the diagram in docs/architecture.md"
    assert in_diagram - top_level_names() == set(), "the diagram names packages that do not exist"
    # the diagram's order is the order the import test enforces
    for earlier, later in itertools.pairwise(drawn):
        assert max(layer_of(n) for n in earlier) < min(layer_of(n) for n in later), (earlier, later)
    for layer in drawn:
        assert len({layer_of(n) for n in layer}) == 1, f"{layer} spans several layers of LAYERS"
