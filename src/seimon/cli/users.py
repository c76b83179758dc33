"""`seimon users add|list|disable|passwd` and `seimon audit`: thin shells over :mod:`seimon.services.users`
(account changes, each audited) and :mod:`seimon.access` (listings).

Passwords never appear on the command line (where shell history and ``ps`` would keep them): they are read
from standard input, one line, so scripts can pipe them in; at a terminal the command prompts twice without
echo. Every change made here is written to the audit log under ``cli:<operating-system user>``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json
from seimon.cli.server_admin import call_server, running_server
from seimon.errors import Location, SeimonError

if TYPE_CHECKING:
    from seimon.store import Store

logger = logging.getLogger(__name__)

app = typer.Typer(help="平台用户 / platform users", no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="用户名 / username", show_default=False)]


def cli_actor() -> str:
    """The audit actor for commands run here: ``cli:`` and the operating-system user.

    >>> cli_actor().startswith("cli:")
    True
    """
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry for the uid (some containers)
        return "cli:unknown"


def read_password() -> str:
    """The new password: one line of standard input, or, at a terminal, typed twice without echo."""
    if sys.stdin.isatty():
        first = getpass.getpass("密码 / password: ")
        second = getpass.getpass("再次输入密码 / repeat the password: ")
        if first != second:
            raise SeimonError("两次输入的密码不一致", "the two passwords differ", code="password_mismatch")
        return first
    line = sys.stdin.readline()
    if not line.strip():
        raise SeimonError(
            "标准输入中没有密码（请输入一行密码）",
            "no password on standard input (pipe one line)",
            code="missing_password",
        )
    return line.rstrip("\r\n")


@app.command("add")
def add_command(  # noqa: PLR0917 - Typer command parameters
    name: NameArgument,
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="角色 / role: admin | analyst | city | enterprise | department | evaluator",
            show_default=False,
        ),
    ],
    region: Annotated[
        str | None,
        typer.Option("--region", help="市级用户的地区代码 / city users: region code, e.g. 130600, 130682"),
    ] = None,
    credit_code: Annotated[
        str | None,
        typer.Option("--credit-code", help="企业用户的统一社会信用代码 / enterprise users: credit code"),
    ] = None,
    department: Annotated[
        str | None,
        typer.Option("--department", help="省直部门用户的部门名称 / department users: its name, e.g. 省科技厅"),
    ] = None,
    display_name: Annotated[
        str | None, typer.Option("--display-name", help="显示名称 / display name, e.g. 保定市统计局")
    ] = None,
    store: StoreOption = None,
) -> None:
    """新增用户，密码从标准输入读取 / Add a user; the password is read from standard input."""
    from seimon.services import users as accounts
    from seimon.store import open_store

    password = read_password()
    with open_store(store) as opened:
        principal = accounts.add(
            opened,
            cli_actor(),
            name,
            password,
            role,
            region=region,
            credit_code=credit_code,
            display_name=display_name,
            department=department,
        )
    console.print(f"已新增用户 / user added: {principal.username} ({principal.role.value})", highlight=False)


@app.command("list")
def list_command(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出用户（不含密码）/ List users (never their passwords)."""
    from rich.table import Table

    from seimon.access import list_users
    from seimon.store import open_store

    with open_store(store) as opened:
        rows = list_users(opened)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"用户 / users ({len(rows)})")
    for col in (
        "用户名 / username",
        "角色 / role",
        "地区 / region",
        "信用代码 / credit code",
        "部门 / department",
        "名称 / name",
        "状态 / status",
        "最近登录 / last login",
    ):
        table.add_column(col, overflow="fold")  # wrap, never cut a code or a name
    for r in rows:
        table.add_row(
            r["username"],
            r["role"],
            r["region"] or "",
            r["credit_code"] or "",
            r["department"] or "",
            r["display_name"] or "",
            "已停用 / disabled" if r["disabled"] else "启用 / active",
            str(r["last_login_at"] or ""),
        )
    console.print(table)


def _locally_or_through_server(store: str | None, change: Callable[[Store], None], path: str, body: dict) -> str:
    """Make a change in the store, or, when a running server owns the DuckDB file, through that server's API.

    Returns where it was made: ``"store"`` or the server's address.
    """
    from seimon.store import open_store

    try:
        with open_store(store) as opened, opened.transaction():
            change(opened)
        return "store"
    except SeimonError as err:
        server = running_server(store) if err.code == "store_locked" else None
        if server is None:
            raise
    call_server(server, path, body)
    return server[0]


def _via(where: str) -> str:
    return "" if where == "store" else f"（经服务 / through the server {where}）"


@app.command("disable")
def disable_command(name: NameArgument, store: StoreOption = None) -> None:
    """停用用户并结束其会话 / Disable a user and end their sessions (through the server while it runs)."""
    from seimon.services import users as accounts

    def change(opened: Store) -> None:
        accounts.disable(opened, cli_actor(), name)

    where = _locally_or_through_server(store, change, f"/users/{quote(name, safe='')}/disable", {})
    console.print(f"已停用 / disabled: {name}{_via(where)}", highlight=False)


@app.command("passwd")
def passwd_command(name: NameArgument, store: StoreOption = None) -> None:
    """重设密码（从标准输入读取），结束其会话 / Set a new password from standard input; ends their sessions.

    Works while `seimon serve` owns the store: the change goes through the server's API.
    """
    from seimon.services import users as accounts

    password = read_password()

    def change(opened: Store) -> None:
        accounts.reset_password(opened, cli_actor(), name, password)

    where = _locally_or_through_server(store, change, f"/users/{quote(name, safe='')}/password", {"password": password})
    console.print(f"已更新密码 / password changed: {name}{_via(where)}", highlight=False)


def parse_since(text: str | None) -> dt.datetime | None:
    """The ``--since`` date or time (UTC), or a located bilingual error.

    >>> parse_since("2024-05-01"), parse_since("2024-05-01T08:30")
    (datetime.datetime(2024, 5, 1, 0, 0), datetime.datetime(2024, 5, 1, 8, 30))
    """
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip())  # "2024-05-01" or "2024-05-01T08:30"
    except ValueError:
        raise SeimonError(
            f"起始时间应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM：{text}",
            f"--since must be YYYY-MM-DD or YYYY-MM-DDTHH:MM: {text}",
            Location(field="--since"),
            code="bad_option",
        ) from None


def _detail(detail: Any) -> str:
    if not detail:
        return ""
    return ", ".join(f"{k}={v}" for k, v in detail.items())


def audit_command(  # noqa: PLR0917 - Typer command parameters
    user: Annotated[str | None, typer.Option("--user", help="只看此用户 / only this user")] = None,
    action: Annotated[str | None, typer.Option("--action", help="只看此操作 / only this action, e.g. login")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="起始日期（UTC）/ from this date or time on (UTC), YYYY-MM-DD")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="最多条数 / at most this many events", min=1)] = 200,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """审计日志，最新在前 / The audit log, newest first."""
    from rich.table import Table

    from seimon.access import list_audit
    from seimon.store import open_store

    start = parse_since(since)
    with open_store(store) as opened:
        rows = list_audit(opened, user=user, action=action, since=start, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"审计日志 / audit log ({len(rows)})")
    for col in (
        "时间 (UTC) / at",
        "用户 / user",
        "角色 / role",
        "操作 / action",
        "对象 / target",
        "地址 / ip",
        "详情 / detail",
    ):
        table.add_column(col, overflow="fold")  # wrap, never cut a code or a name
    for r in rows:
        table.add_row(
            r["at"].isoformat(sep=" ", timespec="seconds"),
            r["username"] or "—",
            r["role"] or "",
            r["action"],
            r["target"] or "",
            r["ip"] or "",
            _detail(r["detail"]),
        )
    console.print(table)


__all__ = ["app", "audit_command"]
