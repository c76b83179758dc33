"""`seimon reference` commands: show the registers, look up classes, import official tables.

Thin shells over :mod:`seimon.reference`; ``--json`` prints machine-readable output, otherwise Rich.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.tree import Tree

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json
from seimon.store import Store, open_store
from seimon.store.url import DEFAULT_STORE

logger = logging.getLogger(__name__)

app = typer.Typer(help="参考代码表：区划、行业、战略性新兴产业分类 / reference registers", no_args_is_help=True)
import_app = typer.Typer(help="导入官方代码表 / import official code lists", no_args_is_help=True)
app.add_typer(import_app, name="import")


@contextmanager
def optional_store(url: str | None) -> Iterator[Store | None]:
    """The store named by ``--store``/``$SEIMON_STORE``, or the default file if it exists, else none.

    Read-only commands (lookups, listings) must work without a store and must not create
    ``./seimon.duckdb`` as a side effect; with a store they use the tables imported into it.
    """
    if url is None and not Path(DEFAULT_STORE).exists():
        yield None
        return
    with open_store(url) as store:
        yield store


@app.command("regions")
def regions(
    view: Annotated[
        str, typer.Option("--view", help="reporting（各市含定州、辛集）或 geographic / reporting or geographic")
    ] = "reporting",
    as_json: JsonOption = False,
) -> None:
    """区划树 / the Hebei region tree (NBS 2023)."""
    from seimon.errors import Location, SeimonError
    from seimon.reference.regions import View, load_regions

    if view not in {v.value for v in View}:
        raise SeimonError(
            f"视图应为 reporting 或 geographic：{view}",
            f"view must be reporting or geographic: {view}",
            Location(field="--view"),
            code="bad_option",
        )
    register = load_regions()
    if as_json:
        print_json(register.records(view))
        return
    data = register.tree(view)
    root = Tree(f"[bold]{data['code']} {data['name_zh']}[/] {data['name_en']}  ({register.edition}, {view})")

    def add(branch: Tree, node: dict[str, object]) -> None:
        for child in node["children"]:  # type: ignore[attr-defined]
            flags = child["flags"]
            marks = []
            if "province_administered" in flags:
                marks.append("[yellow]省直管 / province-administered[/]")
            if "development_zone" in flags:
                marks.append("[cyan]开发区 / zone[/]")
            if "xiongan" in flags:
                marks.append("[green]雄安新区 / Xiong'an[/]")
            label = f"{child['code']} {child['name_zh']} {child['name_en']} {' '.join(marks)}".rstrip()
            add(branch.add(label), child)

    add(root, data)
    console.print(root)


@app.command("industries")
def industries(store_url: StoreOption = None, as_json: JsonOption = False) -> None:
    """国民经济行业分类门类、大类 / GB/T 4754-2017 sections and divisions (and classes in use)."""
    from seimon.reference.editions import INDUSTRY_EDITION, REGISTER_INDUSTRIES, current_edition
    from seimon.reference.industries import builtin_classes, divisions, sections, stored_classes

    with optional_store(store_url) as store:
        imported = stored_classes(store)
        edition = current_edition(store, REGISTER_INDUSTRIES)
    classes = imported or builtin_classes()
    payload = {
        "edition": edition.edition if edition else INDUSTRY_EDITION,
        "classes_origin": edition.origin if edition else "builtin",
        "sections": [s.to_dict() for s in sections()],
        "divisions": [d.to_dict() for d in divisions()],
        "classes": [{"code": c, "name": n} for c, n in sorted(classes.items())],
    }
    if as_json:
        print_json(payload)
        return
    table = Table(title=f"GB/T 4754-2017 门类与大类 / sections and divisions ({payload['edition']})")
    table.add_column("门类 / section")
    table.add_column("大类 / division")
    table.add_column("名称 / name")
    by_section: dict[str, list] = {}
    for d in divisions():
        by_section.setdefault(d.parent or "", []).append(d)
    for s in sections():
        table.add_row(f"[bold]{s.code}[/]", "", f"[bold]{s.name_zh}[/] {s.name_en}")
        for d in by_section.get(s.code, []):
            table.add_row("", d.code, f"{d.name_zh} {d.name_en}")
    console.print(table)
    console.print(f"小类 / classes: {len(classes)}（{payload['classes_origin']}）")


@app.command("sei")
def sei(as_json: JsonOption = False) -> None:
    """战略性新兴产业分类（2018）领域与类别 / SEI 2018 fields and items, with plan industries."""
    from seimon.reference.sei import sei_records

    records = sei_records()
    if as_json:
        print_json(records)
        return
    table = Table(title="战略性新兴产业分类（2018）/ SEI 2018")
    for column in ("代码 / code", "名称 / name", "English", "规划产业 / plan industry"):
        table.add_column(column)
    for r in records:
        bold = r["level"] == 1
        code = f"[bold]{r['code']}[/]" if bold else f"  {r['code']}"
        table.add_row(code, str(r["name"]), str(r["name_en"]), str(r["plan_industry"] or "—"))
    console.print(table)


@app.command("sei-lookup")
def sei_lookup(
    class_code: Annotated[str, typer.Argument(help="国民经济行业小类代码 / GB/T 4754 class, e.g. 3841")],
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """查行业对应的战新类别 / SEI candidates of a GB/T 4754 class."""
    from seimon.reference.concordance import lookup_class

    with optional_store(store_url) as store:
        result = lookup_class(class_code, store)
    if as_json:
        print_json(result.to_dict())
        return
    title = f"{result.code} {result.class_name or ''} — {result.edition} ({result.origin})"
    table = Table(title=title)
    for column in ("类别 / item", "名称 / name", "部分 / partial", "规划产业 / plan industry", "理由 / reason"):
        table.add_column(column)
    for c in result.candidates:
        table.add_row(
            c.sei_code, c.sei_name, "*" if c.partial else "", c.plan_industry or "—", f"{c.reason_zh}\n{c.reason_en}"
        )
    console.print(table)
    verdict = "自动归类 / automatic" if result.automatic else "需产品规则或人工确认 / needs a rule or a decision"
    console.print(f"{verdict}: {result.reason_zh} | {result.reason_en}")


@app.command("editions")
def editions(store_url: StoreOption = None, as_json: JsonOption = False) -> None:
    """代码表版本（内置与已导入）/ editions of the code lists, built-in and imported."""
    from seimon.reference.editions import all_editions

    with optional_store(store_url) as store:
        found = all_editions(store)
    if as_json:
        print_json([e.to_dict() for e in found])
        return
    table = Table(title="代码表版本 / editions")
    for column in ("代码表 / register", "版本 / edition", "来源 / origin", "行数 / rows", "导入时间 / imported"):
        table.add_column(column)
    for e in found:
        table.add_row(e.register, e.edition, e.origin, str(e.row_count), str(e.imported_at or "—"))
    console.print(table)


@import_app.command("sei-classification")
def import_sei_classification_cmd(
    file: Annotated[Path, typer.Argument(help="官方对照表 CSV/XLSX / the official table", exists=True, dir_okay=False)],
    edition: Annotated[str, typer.Option("--edition", help="版本标识 / edition id")] = "SEI-2018",
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """导入战略性新兴产业分类与行业对照表 / import the SEI 2018 <-> GB/T 4754 table."""
    from seimon.reference.sei_import import import_sei_classification

    with open_store(store_url) as store:
        summary = import_sei_classification(store, file, edition)
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(
        f"[bold]已导入 / imported[/] {file.name}（{summary.layout}，{summary.edition}）："
        f"{summary.rows} 行 rows，{summary.pairs} 对 pairs，{summary.classes} 个行业 classes，"
        f"{summary.items} 个类别 items，跳过 skipped {summary.skipped}"
    )
    if summary.warnings:
        table = Table(title=f"警告 / warnings ({len(summary.warnings)})")
        for column in ("类型 / kind", "数量 / count", "示例行 / example rows", "示例 / example"):
            table.add_column(column)
        groups: dict[str, list] = {}
        for w in summary.warnings:
            groups.setdefault(w.code, []).append(w)
        for code, items in groups.items():
            rows = sorted({r for w in items for r in w.rows})
            shown = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
            table.add_row(code, str(len(items)), shown, f"{items[0].message_zh}\n{items[0].message_en}")
        console.print(table)


@import_app.command("industries")
def import_industries_cmd(
    file: Annotated[
        Path, typer.Argument(help="官方行业分类表 CSV/XLSX / the official table", exists=True, dir_okay=False)
    ],
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """导入国民经济行业分类小类表 / import the GB/T 4754 class table (code and name columns)."""
    from seimon.reference.industries import import_industry_classes

    with open_store(store_url) as store:
        summary = import_industry_classes(store, file)
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(
        f"[bold]已导入 / imported[/] {summary.classes} 个小类 classes（{summary.edition}），"
        f"跳过其他层级 other levels skipped {summary.skipped_other_levels}，警告 warnings {len(summary.warnings)}"
    )
    for w in summary.warnings[:20]:
        console.print(f"  第 {w['row']} 行 row {w['row']}: {w['message_zh']} | {w['message_en']}")
