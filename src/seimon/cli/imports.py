"""`seimon import`, `seimon quarantine` and `seimon batches`: thin shells over :mod:`seimon.ingest.pipeline`.

Exit codes of ``seimon import``: 0 every row loaded (or the file was already imported), 3 some rows
quarantined, 2 the file was rejected whole.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, err_console, print_json

logger = logging.getLogger(__name__)

import_app = typer.Typer(help="导入数据文件 / import a data file")
quarantine_app = typer.Typer(help="隔离区：被拒绝的数据行 / quarantined rows", no_args_is_help=True)
batches_app = typer.Typer(help="导入批次 / import batches", no_args_is_help=True)

KINDS_HELP = (
    "enterprises | reports | service-reports | talent-demand | deflators | regional | observations | projects"
    " | project-progress | responsibilities | tasks | task-reports | bases"
)
FIRST_ERRORS = 20


def _summary_table(summary: Any) -> None:
    from rich.table import Table

    status_zh = {"loaded": "已导入", "partial": "部分导入", "rejected": "已拒绝", "unchanged": "无变化"}
    console.print(
        f"批次 / batch {summary.batch_id}  {summary.kind}  {summary.file}  "
        f"[bold]{status_zh.get(summary.status, summary.status)} / {summary.status}[/]",
        highlight=False,
    )
    console.print(
        f"读取 / read {summary.rows_read}  导入 / loaded {summary.rows_loaded}  "
        f"隔离 / quarantined {summary.rows_quarantined}  未变 / unchanged {summary.rows_unchanged}  "
        f"替代旧版本 / superseded {summary.rows_superseded}  警告 / warned {summary.rows_warned}",
        highlight=False,
    )
    if summary.message_zh:
        err_console.print(f"[bold red]错误[/] {summary.message_zh}", highlight=False)
        err_console.print(f"[bold red]Error[/] {summary.message_en}", highlight=False)
    if not summary.errors or summary.status == "rejected":
        return
    table = Table(title=f"前 {FIRST_ERRORS} 个问题 / first {FIRST_ERRORS} problems")
    for col in ("行 / row", "字段 / field", "规则 / rule", "级别 / severity", "说明 / message"):
        table.add_column(col)
    for e in summary.errors[:FIRST_ERRORS]:
        table.add_row(
            str(e["row"]), e["field"] or "", e["rule"], e["severity"], f"{e['message_zh']}\n{e['message_en']}"
        )
    console.print(table)


def _run_import(  # noqa: PLR0917 - private helper
    kind: str,
    file: Path,
    store: str | None,
    sheet: str | None,
    user: str | None,
    retry_of: int | None,
    published: str | None = None,
) -> Any:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from seimon.ingest.known import parse_published
    from seimon.ingest.pipeline import import_file
    from seimon.store import open_store

    published_on = parse_published(published)
    with (
        open_store(store) as opened,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} 行 / rows"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(f"导入 / importing {file.name}", total=None)
        summary = import_file(
            opened,
            kind,
            file,
            sheet=sheet,
            user=user,
            retry_of=retry_of,
            progress=lambda n: bar.update(task, completed=n),
            published=published_on,
        )
        return summary, opened.url


@import_app.callback(invoke_without_command=True, context_settings={"allow_interspersed_args": True})
def import_command(  # noqa: PLR0917 - Typer command parameters
    kind: Annotated[str, typer.Argument(help=f"数据类型 / kind: {KINDS_HELP}")],
    file: Annotated[Path, typer.Argument(help="数据文件 / data file (.csv, .xlsx, .parquet)")],
    store: StoreOption = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="工作表名 / sheet name")] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="错误行报告 / write quarantined rows to this .xlsx or .csv")
    ] = None,
    as_json: JsonOption = False,
    user: Annotated[str | None, typer.Option("--user", help="导入人 / who imports")] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="发布日期 YYYY-MM-DD（整批数据自该日起可知；缺省按发布日程推定）/ date the file's figures were"
            " published (default: the release calendar, docs/assessment.md)",
        ),
    ] = None,
) -> None:
    """导入一个数据文件 / Import one data file as one batch.

    每个数据的“可知日期”：文件中的“发布日期”列，或 --published，或按发布日程推定
    （月度数据为次月27日，年度数据为次年3月1日）；修订已有数据而未注明日期的，自导入之日起可知。
    / Each figure is dated by when it became known: a 发布日期 column, --published, or the release
    calendar (monthly figures: the 27th of the next month; annual: 1 March of the next year); a revision
    without a date is known from when it was imported.
    """
    from seimon.ingest.loaders import kind_spec
    from seimon.ingest.quarantine import write_error_report
    from seimon.store import open_store

    kind_spec(kind)
    summary, url = _run_import(kind, file, store, sheet, user, None, published)
    if report is not None and summary.batch_id is not None and summary.status in ("partial", "loaded"):
        with open_store(url) as opened:
            write_error_report(opened, summary.batch_id, report)
    if as_json:
        print_json(summary.to_dict())
    else:
        _summary_table(summary)
    raise typer.Exit(summary.exit_code)


@quarantine_app.command("list")
def quarantine_list(
    batch: Annotated[int | None, typer.Option("--batch", help="批次号 / batch id")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """列出隔离的问题 / List quarantined problems."""
    from rich.table import Table

    from seimon.ingest.quarantine import list_quarantine
    from seimon.store import open_store

    with open_store(store) as opened:
        rows = list_quarantine(opened, batch)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"隔离区 / quarantine ({len(rows)})")
    for col in (
        "批次 / batch",
        "行 / row",
        "字段 / field",
        "规则 / rule",
        "级别 / severity",
        "说明 / message",
        "已解决 / resolved",
    ):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r["batch_id"]),
            str(r["row_number"]),
            r["field"] or "",
            r["rule"],
            r["severity"],
            f"{r['message_zh']}\n{r['message_en']}",
            str(r["resolved_by_batch"] or ""),
        )
    console.print(table)


@quarantine_app.command("export")
def quarantine_export(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 / output .xlsx or .csv")],
    batch: Annotated[int | None, typer.Option("--batch", help="批次号 / batch id")] = None,
    store: StoreOption = None,
) -> None:
    """导出隔离的问题 / Export quarantined problems to .xlsx or .csv."""
    from seimon.ingest.quarantine import export_quarantine
    from seimon.store import open_store

    with open_store(store) as opened:
        path = export_quarantine(opened, output, batch)
    console.print(f"已写出 / written: {path}", highlight=False)


@quarantine_app.command("retry")
def quarantine_retry(  # noqa: PLR0917 - Typer command parameters
    file: Annotated[Path, typer.Argument(help="改正后的文件 / corrected file")],
    batch: Annotated[int, typer.Option("--batch", help="原批次号 / the batch whose rows it corrects")],
    store: StoreOption = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="工作表名 / sheet name")] = None,
    as_json: JsonOption = False,
    user: Annotated[str | None, typer.Option("--user", help="导入人 / who imports")] = None,
) -> None:
    """导入改正后的隔离行 / Import a corrected file for a batch's quarantined rows."""
    from seimon.ingest.batches import show_batch
    from seimon.store import open_store

    with open_store(store) as opened:
        kind = show_batch(opened, batch)["kind"]
    summary, _ = _run_import(kind, file, store, sheet, user, batch)
    if as_json:
        print_json(summary.to_dict())
    else:
        _summary_table(summary)
    raise typer.Exit(summary.exit_code)


@batches_app.command("list")
def batches_list(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出导入批次 / List import batches."""
    from rich.table import Table

    from seimon.ingest.batches import list_batches
    from seimon.store import open_store

    with open_store(store) as opened:
        rows = list_batches(opened)
    if as_json:
        print_json(rows)
        return
    table = Table(title="导入批次 / batches")
    cols = ("batch_id", "kind", "file_name", "status", "rows_read", "rows_loaded", "rows_quarantined", "started_at")
    for col in cols:
        table.add_column(col)
    for r in rows:
        table.add_row(*(str(r[c]) for c in cols))
    console.print(table)


@batches_app.command("show")
def batches_show(
    batch_id: Annotated[int, typer.Argument(help="批次号 / batch id")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """显示一个批次 / Show one batch: provenance, counts, problems by rule, superseded rows."""
    from seimon.ingest.batches import show_batch
    from seimon.store import open_store

    with open_store(store) as opened:
        batch = show_batch(opened, batch_id)
    if as_json:
        print_json(batch)
        return
    for key, value in batch.items():
        if key != "problems":
            console.print(f"{key}: {value}", highlight=False)
    for p in batch["problems"]:
        console.print(f"  {p['severity']} {p['rule']}: {p['n']} (resolved {p['resolved']})", highlight=False)


__all__ = ["batches_app", "import_app", "quarantine_app"]
