"""`seimon classify` commands: one-off classification, recorded decisions and the review loop.

Enterprises reach the store through data imports (which call
:func:`seimon.reference.classify.classify_and_store`); here a statistician settles the ones their
industry class cannot place.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.table import Table

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json
from seimon.cli.reference import optional_store
from seimon.store import open_store

logger = logging.getLogger(__name__)

app = typer.Typer(help="企业战新归类 / classify enterprises into SEI 2018 items", no_args_is_help=True)


def _show(result_dict: dict[str, object]) -> None:
    status = result_dict["status"]
    console.print(
        f"[bold]{result_dict['credit_code']}[/] 行业 class {result_dict['class_code']} "
        f"{result_dict.get('class_name') or ''} → [bold]{status}[/]"
    )
    for a in result_dict["assignments"]:  # type: ignore[attr-defined]
        console.print(f"  {a['sei_code']} {a['sei_name']} ({a['method']}, {a['plan_industry'] or '—'})")
    console.print(f"  {result_dict['reason_zh']}\n  {result_dict['reason_en']}", highlight=False)


@app.command("enterprise")
def enterprise(
    class_code: Annotated[str, typer.Option("--class", help="国民经济行业小类 / GB/T 4754 class")],
    products: Annotated[str | None, typer.Option("--products", help="主要产品 / main products")] = None,
    credit_code: Annotated[
        str, typer.Option("--credit-code", help="统一社会信用代码 / credit code (reuses its decisions)")
    ] = "000000000000000000",
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """单个企业试归类（不写入数据库）/ classify one enterprise without storing it."""
    from seimon.reference.classify import Enterprise, classify_enterprise

    with optional_store(store_url) as store:
        result = classify_enterprise(Enterprise(credit_code, class_code, products), store=store)
    if as_json:
        print_json(result.to_dict())
        return
    _show(result.to_dict())


@app.command("decide")
def decide(
    credit_code: Annotated[str, typer.Argument(help="统一社会信用代码 / credit code")],
    sei_code: Annotated[str, typer.Argument(help="战新类别，如 5.2；none 表示不属于 / SEI item, or none")],
    *,
    reason: Annotated[str, typer.Option("--reason", help="理由 / why")],
    who: Annotated[str | None, typer.Option("--who", help="决定人 / who decides")] = None,
    class_code: Annotated[
        str | None, typer.Option("--class", help="行业小类（默认取数据库中的记录）/ class (default: stored)")
    ] = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """记录人工归类决定并重新归类该企业 / record a decision and reclassify the enterprise."""
    from seimon.errors import Location, SeimonError
    from seimon.reference.classify import reclassify, stored_enterprise
    from seimon.reference.concordance import active_concordance
    from seimon.reference.decisions import record_decision
    from seimon.reference.sei import plan_industry_map

    with open_store(store_url) as store:
        known = stored_enterprise(store, credit_code)
        klass = class_code or (known.industry_class if known else None)
        if klass is None:
            raise SeimonError(
                f"数据库中没有企业 {credit_code}；请用 --class 指定行业",
                f"enterprise {credit_code} is not in the store; give its class with --class",
                Location(field="credit_code"),
                code="unknown_enterprise",
            )
        lookup = active_concordance(store).lookup(klass, plan_industry_map())
        with store.transaction():
            decision = record_decision(
                store,
                credit_code.strip().upper(),
                klass,
                sei_code,
                reason=reason,
                who=who,
                edition=lookup.edition,
                allowed=lookup.sei_codes,
            )
            result = reclassify(store, decision.credit_code) if known and known.industry_class == klass else None
    payload = {"decision": decision.to_dict(), "classification": result.to_dict() if result else None}
    if as_json:
        print_json(payload)
        return
    console.print(
        f"[bold]已记录 / recorded[/] {decision.credit_code} {decision.class_code} → {decision.sei_code}"
        f"（{decision.who}，{decision.decided_at:%Y-%m-%d %H:%M}）"
    )
    if result:
        _show(result.to_dict())


@app.command("review")
def review(
    store_url: StoreOption = None, who: Annotated[str | None, typer.Option("--who", help="审核人 / reviewer")] = None
) -> None:
    """逐个审核待定企业 / review pending enterprises one by one (interactive)."""
    from seimon.reference.classify import classify_enterprise, pending_enterprises, reclassify
    from seimon.reference.decisions import NOT_SEI, record_decision

    with open_store(store_url) as store:
        pending = pending_enterprises(store)
        if not pending:
            console.print("没有待审核的企业 / no enterprises pending review")
            return
        console.print(f"待审核企业 / pending: {len(pending)}")
        decided = 0
        for index, ent in enumerate(pending, start=1):
            result = classify_enterprise(ent, store=store)
            table = Table(
                title=f"[{index}/{len(pending)}] {ent.credit_code} 行业 class {ent.industry_class} "
                f"{result.lookup.class_name or ''}"
            )
            for column in ("#", "类别 / item", "名称 / name", "部分 / partial", "规划产业 / plan", "理由 / reason"):
                table.add_column(column)
            choices = list(result.lookup.candidates)
            for number, c in enumerate(choices, start=1):
                table.add_row(
                    str(number), c.sei_code, c.sei_name, "*" if c.partial else "", c.plan_industry or "—", c.reason_zh
                )
            console.print(table)
            console.print(f"产品 / products: {ent.products or '—'}")
            answer = typer.prompt(
                "选择编号或类别代码；n = 不属于；s = 跳过 / number or code; n = not SEI; s = skip", default="s"
            ).strip()
            if answer.lower() in ("s", "skip", ""):
                continue
            if answer.lower() in ("n", NOT_SEI):
                chosen = NOT_SEI
            elif answer.isdigit() and 1 <= int(answer) <= len(choices):
                chosen = choices[int(answer) - 1].sei_code
            elif answer in {c.sei_code for c in choices}:
                chosen = answer
            else:
                console.print(f"[red]无效选择 / invalid choice[/]: {answer}; 跳过 / skipped")
                continue
            reason = typer.prompt("理由 / reason").strip()
            with store.transaction():
                record_decision(
                    store,
                    ent.credit_code,
                    ent.industry_class,
                    chosen,
                    reason=reason,
                    who=who,
                    edition=result.lookup.edition,
                    allowed=result.lookup.sei_codes,
                )
                reclassify(store, ent.credit_code)
            decided += 1
            console.print(f"已记录 / recorded: {ent.credit_code} → {chosen}")
        console.print(f"本次决定 / decided: {decided}，剩余 / remaining: {len(pending_enterprises(store))}")
