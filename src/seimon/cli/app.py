"""The root `seimon` command. Sub-commands live in one module each and are registered here."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from seimon import __version__
from seimon.cli import assess, classify, demo, imports, indicators, plan, reference, report, serve, users
from seimon.cli import disclosure as disclosure_cli
from seimon.cli.output import print_error
from seimon.errors import SeimonError
from seimon.logging_setup import configure_logging

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
app.add_typer(users.app, name="users")
app.add_typer(disclosure_cli.app, name="disclosure")
app.command("indicators")(indicators.indicators_command)
app.command("query")(indicators.query_command)
app.command("compute")(indicators.compute_command)
app.command("assess")(assess.assess_command)
app.command("warnings")(assess.warnings_command)
app.command("serve")(serve.serve_command)
app.command("audit")(users.audit_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seimon {__version__}")
        raise typer.Exit


@app.callback()
def root(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="更多日志 / more logging")] = 0,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version"),
    ] = False,
) -> None:
    """SEI Monitor 战略性新兴产业监测平台 / SEI Monitor."""
    configure_logging(verbose)


def main() -> None:
    """Console-script entry point: located errors print in both languages and exit with code 2.

    Usage errors (unknown option, missing argument) are Typer's own and also exit with code 2.
    """
    try:
        app()
    except SeimonError as err:
        print_error(err)
        raise SystemExit(2) from None
