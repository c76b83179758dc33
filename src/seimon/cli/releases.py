"""`seimon release` and `seimon releases`: thin shells over :mod:`seimon.services.releases` (a release, audited)
and :mod:`seimon.assess.releases` (the listing).

Exit codes: 0 done, 2 a located error (a period not yet ended, a reporting rate below the threshold).
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json

logger = logging.getLogger(__name__)


def release_command(  # noqa: PLR0917 - Typer command parameters
    period: Annotated[str, typer.Argument(help="年内累计期 / year-to-date period: 2020-09, 2020年1-9月, 2020")],
    on: Annotated[
        str | None, typer.Option("--on", help="发布日期 YYYY-MM-DD（默认今天）/ release date (default today)")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="报送率低于阈值也发布 / release even below the reporting-rate threshold")
    ] = False,
    user: Annotated[str | None, typer.Option("--user", help="发布人 / who releases")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """发布一期企业数据 / Release a period of enterprise data.

    发布后，页面、接口与简报以该期为主要数据；之后审核通过的该期报表为修订（新版本）。
    报送率低于 90% 的时期不予发布（--force 除外）。/ Pages, the API and bulletins then lead with the period;
    submissions approved later for it are revisions (new vintages). A period below a 90% reporting rate is refused
    unless --force.
    """
    from seimon.cli.assess import parse_as_of
    from seimon.cli.users import cli_actor
    from seimon.services.releases import release_period
    from seimon.store import open_store

    day = parse_as_of(on)
    with open_store(store) as opened:
        state = release_period(opened, cli_actor(), period, on=day, by=user, force=force)
    if as_json:
        print_json(state.to_dict())
        return
    console.print(
        f"已发布 / released {state.code} {state.released_on}：报送 / reported {state.reported}/{state.expected}"
        f"（{state.rate:.1%}）",
        highlight=False,
    )


def releases_command(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出已发布的时期及主要数据所用时期 / List released periods and the headline period."""
    from rich.table import Table

    from seimon.assess.releases import headline_period, list_releases
    from seimon.store import open_store

    with open_store(store) as opened:
        rows = list_releases(opened)
        head = headline_period(opened)
    if as_json:
        print_json({"releases": rows, "headline": head.to_dict() if head else None})
        return
    table = Table(title="数据发布 / releases")
    for col in ("时期 / period", "发布日期 / released on", "报送 / reported", "应报 / expected", "发布人 / by"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["period"], r["released_on"], str(r["enterprises_reported"]), str(r["enterprises_expected"]),
            r["recorded_by"] or "",
        )  # fmt: skip
    console.print(table)
    if head is None:
        console.print("主要数据时期：无（尚无发布或报送率达标的时期）/ headline period: none yet", highlight=False)
    else:
        console.print(
            f"主要数据时期 / headline period: {head.code}（{head.basis}，报送率 / reporting rate {head.rate:.1%}）",
            highlight=False,
        )
