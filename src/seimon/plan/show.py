"""Finding plan items by id and recovering the sentence each one comes from.

Why: a statistician asked "where does 1500万千瓦 come from?" wants the plan's own sentence, not our
paraphrase. Every item carries offsets into the plan text; this module widens them to the whole sentence
and strips the box-table borders so the sentence reads as the planner wrote it.
"""

from __future__ import annotations

from typing import Any

from seimon.errors import SeimonError
from seimon.plan.model import Plan, PlanModel, SourceRef, unwrap_box_text

# Sentence ends: 。！？；, a newline, or a table border ("┤　　│发展目标" starts a new cell).
_SENTENCE_STOPS = set("。！？；!?;\n┌┐└┘├┤┬┴┼─")
# Cell labels left at the start of a sentence widened inside a box: "发展目标到2020年…" -> "到2020年…".
_CELL_LABELS = ("发展目标", "重点行动")


def find_item(plan: Plan, item_id: str) -> PlanModel:
    """The item (industry, sub-field, box, zone, base, project, measure, target, set-aside) with this id.

    Raises a bilingual :class:`SeimonError` listing close ids when there is none.

    >>> from seimon.plan import load_plan
    >>> find_item(load_plan(), "pv_capacity").unit
    '万千瓦'
    """
    items = {item.id: item for _path, item in plan.iter_items()}
    if item_id in items:
        return items[item_id]
    close = sorted(i for i in items if item_id.lower() in i or i.startswith(item_id.lower()[:4]))[:8]
    hint_zh = f"；相近的标识：{', '.join(close)}" if close else ""
    hint_en = f"; close ids: {', '.join(close)}" if close else ""
    raise SeimonError(
        f"规划中没有标识为 {item_id} 的条目{hint_zh}", f"no plan item with id {item_id}{hint_en}", code="unknown_item"
    )


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the sentence around it (to the previous and through the next stop).

    >>> text = "前言。到2020年，光伏装机达到1500万千瓦以上，风电2000万千瓦。后文"
    >>> s, e = sentence_span(text, 11, 27)
    >>> text[s:e]
    '到2020年，光伏装机达到1500万千瓦以上，风电2000万千瓦。'
    """
    s = start
    while s > 0 and text[s - 1] not in _SENTENCE_STOPS:
        s -= 1
    e = max(end, start)
    # the quote itself may end on a stop (a full sentence); otherwise run on through the next one
    if not (e > start and text[e - 1] in "。！？；!?;"):
        while e < len(text) and text[e] not in _SENTENCE_STOPS:
            e += 1
        if e < len(text) and text[e] in "。！？；!?;":
            e += 1
    return s, e


def sentence_of(plan: Plan, source: SourceRef) -> str:
    """The plan's sentence around a located source, box borders removed.

    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> sentence_of(plan, find_item(plan, "wind_capacity").source)
    '到2020年，基本建立完善的风电产生链，全省风电装机容量达到2000万千瓦。'
    """
    if source.start is None or source.end is None:
        return source.text
    s, e = sentence_span(plan.text, source.start, source.end)
    clean = unwrap_box_text(plan.text[s:e]).strip(" \u3000│")
    for label in _CELL_LABELS:
        clean = clean.removeprefix(label)
    return clean.strip(" \u3000")


def item_kind(plan: Plan, item: PlanModel) -> str:
    """The plan section an item belongs to (``targets``, ``bases``, ``subfields`` ...).

    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> item_kind(plan, find_item(plan, "box_09"))
    'roadmap_boxes'
    """
    for path, candidate in plan.iter_items():
        if candidate is item:
            return str(path[-2]) if isinstance(path[-1], int) else str(path[-1])
    return "item"


def item_to_dict(plan: Plan, item: PlanModel) -> dict[str, Any]:
    """An item as JSON, with its kind and its original sentence from the plan text.

    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> data = item_to_dict(plan, find_item(plan, "nev_promoted_cumulative"))
    >>> data["kind_of_item"], "30万辆" in data["sentence"]
    ('targets', True)
    """
    data = item.model_dump(mode="json")
    data["kind_of_item"] = item_kind(plan, item)
    source = getattr(item, "source", None)
    data["sentence"] = sentence_of(plan, source) if isinstance(source, SourceRef) else None
    return data


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The whole plan as one JSON object (``metadata``, ``industries`` … ``set_aside``).

    >>> from seimon.plan import load_plan
    >>> data = plan_to_dict(load_plan())
    >>> len(data["industries"]), len(data["roadmap_boxes"]), len(data["bases"])
    (8, 12, 35)
    """
    data = plan.model_dump(mode="json")
    data["counts"] = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    return data
