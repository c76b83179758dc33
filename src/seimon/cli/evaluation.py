"""`seimon evaluation …`: the third-party evaluation workflow from the command line (plan 五(八) 第三方评估).

A thin shell over :mod:`seimon.services.evaluations`, the same steps the web platform takes. The command line
acts as the local administrator (``cli:<operating-system user>``) for the admin's steps (open, assign,
member) and for answering evidence requests on a department's behalf; an evaluator's steps (judge,
request-evidence, sign) name the evaluator account with ``--as``, whose role and organisation are checked as on the
web. Every step is written to the audit log. Exit codes: 0 done, 2 a located error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import JSON_MODE, console, print_error, print_json
from seimon.cli.users import cli_actor
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="第三方评估 / third-party evaluation: 开启、指派、评判、请求证据、签署 / open, assign, judge, "
    "request evidence, sign",
    no_args_is_help=True,
)

IdArgument = Annotated[int, typer.Argument(help="评估编号 / evaluation id", min=1)]
TargetArgument = Annotated[str, typer.Argument(help="目标编号 / target id, e.g. nev_public_transport_full_coverage")]
AsOption = Annotated[
    str,
    typer.Option("--as", help="评估人账户 / the evaluator account acting (role evaluator)", show_default=False),
]
AttachOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--attach",
        help="证据文件，可重复 / evidence file (repeatable)",
        exists=True,
        dir_okay=False,
        show_default=False,
    ),
]


def _admin() -> Any:
    from seimon.access.roles import Principal, Role

    return Principal(cli_actor(), Role.ADMIN, display_name="本机命令行 / the command line on this machine")


def _evaluator(opened: Any, username: str) -> Any:
    from seimon.access.users import get_user

    found = get_user(opened, username)
    if found is None:
        raise SeimonError(
            f"没有启用的账户：{username}", f"no active account: {username}", Location(field="--as"), "unknown_user"
        )
    return found


def _run(store: str | None, step: Callable[[Any], Any], as_json: bool, show: Callable[[Any], None]) -> None:
    from seimon.store import open_store

    was = JSON_MODE["on"]
    JSON_MODE["on"] = was or as_json  # an error is then the one JSON document on stdout, however we were called
    try:
        with open_store(store) as opened:
            result = step(opened)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    finally:
        JSON_MODE["on"] = was
    if as_json:
        print_json(result)
    else:
        show(result)


def _said(evaluation: dict[str, Any]) -> None:
    console.print(
        f"评估 / evaluation {evaluation['id']}：{evaluation['kind_zh']} / {evaluation['kind_en']}，"
        f"基准日 / as of {evaluation['as_of']}，状态 / state {evaluation['state_zh']} / {evaluation['state_en']}，"
        f"评估机构 / organisation {evaluation['organisation'] or '—'}",
        highlight=False,
    )


@app.command("member")
def member_command(
    username: Annotated[str, typer.Argument(help="评估人账户 / evaluator account")],
    organisation: Annotated[str, typer.Option("--organisation", help="评估机构 / evaluator organisation")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """登记评估人所属机构 / Record the evaluator organisation an evaluator account works for."""
    from seimon.services import evaluations as service

    _run(
        store,
        lambda s: service.add_member(s, _admin(), username, organisation),
        as_json,
        lambda m: console.print(f"{m['username']} → {m['organisation']}", highlight=False),
    )


@app.command("open")
def open_command(  # noqa: PLR0917 - Typer command parameters
    kind: Annotated[str, typer.Option("--kind", help="midterm（中期评估）| final（总结评估）")],
    as_of: Annotated[str, typer.Option("--as-of", help="评估基准日 YYYY-MM-DD / as-of date")],
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="同时指派的评估机构 / assign to this organisation at once")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="标题 / title")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """开启第三方评估 / Open a mid-term or final evaluation as of a date."""
    from seimon.services import evaluations as service

    _run(
        store,
        lambda s: service.open_evaluation(s, _admin(), kind, as_of, organisation=organisation, title=title),
        as_json,
        _said,
    )


@app.command("assign")
def assign_command(
    evaluation_id: IdArgument,
    organisation: Annotated[str, typer.Option("--organisation", help="评估机构 / evaluator organisation")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """指派评估机构 / Assign an evaluation to an evaluator organisation."""
    from seimon.services import evaluations as service

    _run(store, lambda s: service.assign(s, _admin(), evaluation_id, organisation), as_json, _said)


@app.command("list")
def list_command(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """列出第三方评估 / List the evaluations."""
    from seimon.services import evaluations as service

    def show(rows: list[dict[str, Any]]) -> None:
        if not rows:
            console.print("尚无评估 / no evaluations yet")
        for row in rows:
            _said(row)

    _run(store, lambda s: service.list_for(s, _admin()), as_json, show)


@app.command("show")
def show_command(evaluation_id: IdArgument, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """评估工作台：每项目标的数据、来源、版本与评判，证据请求 / The workspace: every target, its judgement, requests."""
    from rich.table import Table

    from seimon.services import evaluations as service

    def show(view: dict[str, Any]) -> None:
        _said(view["evaluation"])
        table = Table(title="目标与评判 / targets and judgements")
        for col in (
            "目标 / target",
            "类型 / type",
            "平台数据 / figure",
            "来源·版本 / source·vintage",
            "评判 / verdict",
        ):
            table.add_column(col, overflow="fold")
        for t in view["targets"]:
            fig = t.get("figure") or {}
            j = t["judgement"]
            table.add_row(
                t["target"],
                t["type"],
                "" if fig.get("value") is None else f"{fig['value']} {fig.get('unit') or ''} ({fig.get('period')})",
                f"{fig.get('source') or ''} {fig.get('vintage') or ''}".strip(),
                f"{j['verdict_zh']} / {j['verdict_en']}: {j['reason']}" if j else "—",
            )
        console.print(table)
        for r in view["requests"]:
            console.print(
                f"证据请求 / request {r['id']}: {r['department']} · {r['target']} · {r['due']} · "
                f"{r['status_zh']} / {r['status_en']}",
                highlight=False,
            )

    _run(store, lambda s: service.show(s, _admin(), evaluation_id), as_json, show)


@app.command("judge")
def judge_command(  # noqa: PLR0917 - Typer command parameters
    evaluation_id: IdArgument,
    target: TargetArgument,
    verdict: Annotated[
        str,
        typer.Option(
            "--verdict",
            help="定性 / qualitative: achieved（基本实现）| partly（部分实现）| not_achieved（未实现）；"
            "定量 / quantitative: confirmed（确认）| disputed（有异议）",
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="理由 / the written reason")],
    evaluator: AsOption,
    attach: AttachOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """评判一项目标（签署前可修改）/ Judge one target (revisable until sign-off)."""
    from seimon.services import evaluations as service

    def step(s: Any) -> dict[str, Any]:
        who = _evaluator(s, evaluator)
        saved = service.judge(s, who, evaluation_id, target, verdict, reason=reason)
        saved["files"] = [
            service.attach(s, who, evaluation_id, target, p.name, content=p.read_bytes()) for p in attach or []
        ]
        return saved

    _run(
        store,
        step,
        as_json,
        lambda j: console.print(f"{j['target']}: {j['verdict_zh']} / {j['verdict_en']}", highlight=False),
    )


@app.command("request-evidence")
def request_evidence_command(  # noqa: PLR0917 - Typer command parameters
    evaluation_id: IdArgument,
    target: TargetArgument,
    department: Annotated[str, typer.Option("--department", help="责任部门（目标分解台账）/ responsible department")],
    question: Annotated[str, typer.Option("--question", help="所需证据 / the evidence asked for")],
    evaluator: AsOption,
    due: Annotated[
        str | None, typer.Option("--due", help="答复期限 YYYY-MM-DD（默认 15 天后）/ due date (default: in 15 days)")
    ] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """向责任部门请求证据 / Ask a responsible department for evidence."""
    from seimon.services import evaluations as service

    _run(
        store,
        lambda s: service.request_evidence(
            s, _evaluator(s, evaluator), evaluation_id, target, department, question=question, due=due
        ),
        as_json,
        lambda r: console.print(f"证据请求 / request {r['id']} → {r['department']}（{r['due']}）", highlight=False),
    )


@app.command("answer")
def answer_command(  # noqa: PLR0917 - Typer command parameters
    evaluation_id: IdArgument,
    request_id: Annotated[int, typer.Argument(help="证据请求编号 / evidence request id", min=1)],
    text: Annotated[str, typer.Option("--text", help="答复 / the answer")],
    attach: AttachOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """代责任部门答复证据请求 / Answer an evidence request on the department's behalf."""
    from seimon.services import evaluations as service

    _run(
        store,
        lambda s: service.answer_evidence(
            s, _admin(), evaluation_id, request_id, text, attachments=[(p.name, p.read_bytes()) for p in attach or []]
        ),
        as_json,
        lambda r: console.print(f"已答复 / answered: {r['id']}（{r['department']}）", highlight=False),
    )


@app.command("sign")
def sign_command(  # noqa: PLR0917 - Typer command parameters
    evaluation_id: IdArgument,
    signatory: Annotated[str, typer.Option("--signatory", help="签署人姓名 / the signatory's name")],
    evaluator: AsOption,
    date: Annotated[
        str | None, typer.Option("--date", help="签署日期 YYYY-MM-DD（默认今天）/ date (default today)")
    ] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """签署评估，评估意见随即冻结 / Sign the evaluation off; its judgements are frozen."""
    from seimon.services import evaluations as service

    _run(
        store,
        lambda s: service.sign(s, _evaluator(s, evaluator), evaluation_id, signatory, signed_on=date),
        as_json,
        _said,
    )
