"""The root `seimon` command. Sub-commands live in one module each and are registered here."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from seimon import __version__
from seimon.cli import (
    appraise,
    assess,
    classify,
    demo,
    evaluation,
    imports,
    indicators,
    plan,
    reference,
    releases,
    report,
    serve,
    store_admin,
    tracking,
    users,
)
from seimon.cli import disclosure as disclosure_cli
from seimon.cli.output import JSON_MODE, print_error
from seimon.errors import SeimonError
from seimon.logging_setup import configure_logging
from seimon.store.existence import CREATE_MISSING

logger = logging.getLogger(__name__)

app = typer.Typer(
    name="seimon",
    help="SEI Monitor 战略性新兴产业监测平台 — plan targets, data, indicators, warnings and evaluation.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(plan.app, name="plan")
app.add_typer(reference.app, name="reference")
app.add_typer(classify.app, name="classify")
app.add_typer(demo.app, name="demo")
app.add_typer(imports.import_app, name="import")
app.add_typer(imports.quarantine_app, name="quarantine")
app.add_typer(imports.batches_app, name="batches")
app.add_typer(report.app, name="report")
app.add_typer(evaluation.app, name="evaluation")
app.add_typer(users.app, name="users")
app.add_typer(disclosure_cli.app, name="disclosure")
app.command("indicators")(indicators.indicators_command)
app.command("query")(indicators.query_command)
app.command("compute")(indicators.compute_command)
app.command("assess")(assess.assess_command)
app.command("warnings")(assess.warnings_command)
app.command("release")(releases.release_command)
app.command("releases")(releases.releases_command)
app.command("appraise")(appraise.appraise_command)
report.app.command("appraisal")(appraise.report_appraisal_command)
app.command("projects")(tracking.projects_command)
app.command("responsibilities")(tracking.responsibilities_command)
app.command("tasks")(tracking.tasks_command)
app.command("bases")(tracking.bases_command)
app.command("serve")(serve.serve_command)
app.command("audit")(users.audit_command)
app.command("init")(store_admin.init_command)
app.command("backup")(store_admin.backup_command)
app.command("restore")(store_admin.restore_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seimon {__version__}")
        raise typer.Exit


CREATING_COMMANDS = frozenset({"init", "demo", "restore"})
"""Commands that may create a missing DuckDB store; any other needs ``seimon --create``."""


@app.callback()
def root(
    ctx: typer.Context,
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="更多日志 / more logging")] = 0,
    create: Annotated[
        bool,
        typer.Option("--create", help="数据库不存在时新建 / create the store if it does not exist"),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version"),
    ] = False,
) -> None:
    """SEI Monitor 战略性新兴产业监测平台 / SEI Monitor."""
    configure_logging(verbose)
    token = CREATE_MISSING.set(create or ctx.invoked_subcommand in CREATING_COMMANDS)
    ctx.call_on_close(lambda: CREATE_MISSING.reset(token))


def main() -> None:
    """Console-script entry point: located errors print in both languages and exit with code 2.

    Usage errors (unknown option, missing argument) are Typer's own and also exit with code 2.
    """
    JSON_MODE["on"] = "--json" in sys.argv[1:]
    try:
        app()
    except SeimonError as err:
        print_error(err)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as err:  # never a traceback for the user: one bilingual line, the details with -vv
        logger.debug("unexpected error", exc_info=True)
        print_error(
            SeimonError(
                f"内部错误：{type(err).__name__}: {err}（加 -vv 查看详情，请报告此问题）",
                f"internal error: {type(err).__name__}: {err} (add -vv for details; please report it)",
                code="internal",
            )
        )
        raise SystemExit(2) from None
