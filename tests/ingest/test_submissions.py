"""The submission workflow on real DuckDB and PostgreSQL: upload, report, submit, approve or return."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from seimon.errors import SeimonError
from seimon.ingest.batches import show_batch
from seimon.ingest.dryrun import all_problems
from seimon.ingest.pipeline import import_file
from seimon.ingest.submissions import (
    MAX_UPLOAD_BYTES,
    STATES,
    approve,
    create_submission,
    get_submission,
    list_submissions,
    return_submission,
    safe_filename,
    submission_file,
    submit,
)
from seimon.reference.credit_code import generate_codes
from seimon.store import Store

CODES = list(generate_codes("130100", 6, seed=11))
REPORT_HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,联系人"
DATA_TABLES = ("batches", "quarantine", "reports")


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def _register(store: Store, folder: Path) -> None:
    path = folder / "register.csv"
    path.write_bytes(
        _csv(
            ["统一社会信用代码,企业名称,地区代码,行业代码"] + [f"{c},企业{i},130100,3841" for i, c in enumerate(CODES)]
        )
    )
    assert import_file(store, "enterprises", path).status == "loaded"


def _counts(store: Store) -> dict[str, int]:
    return {t: int(store.fetchall(f"SELECT count(*) FROM {t}")[0][0]) for t in (*DATA_TABLES, "submissions")}


def _reports(*rows: str) -> bytes:
    return _csv([REPORT_HEADER, *rows])


GOOD = f"{CODES[0]},2020年1-3月,1000,200,100,王五"
BAD = f"{CODES[1]},2020年1-3月,50,200,100,王五"  # value added above revenue


def _submitted(store: Store, content: bytes | None = None, name: str = "r.csv") -> dict[str, Any]:
    created = create_submission(store, "reports", name, content or _reports(GOOD, BAD), submitted_by="city1")
    return submit(store, created["id"], by="city1")


def _code(excinfo: pytest.ExceptionInfo[SeimonError]) -> str:
    err = excinfo.value
    assert err.message_zh and err.message_en and err.message_zh != err.message_en
    return err.code


def test_upload_validate_submit_approve_lands_one_batch(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    before = _counts(store)
    content = _reports(GOOD, BAD)
    created = create_submission(
        store, "reports", "2020年一季度.csv", content, submitted_by="city1", region="130100", credit_code=None
    )
    assert {k: v for k, v in _counts(store).items() if k != "submissions"} == {
        k: v for k, v in before.items() if k != "submissions"
    }
    assert (created["status"], created["validation_status"], created["filename"]) == (
        "validated",
        "partial",
        "2020年一季度.csv",
    )
    assert (created["rows_read"], created["rows_valid"], created["rows_quarantined"]) == (2, 1, 1)
    assert (created["sha256"], created["size"]) == (hashlib.sha256(content).hexdigest(), len(content))
    assert (created["region"], created["submitted_by"], created["batch_id"]) == ("130100", "city1", None)
    assert isinstance(created["created_at"], dt.datetime) and created["submitted_at"] is None
    report = created["report"]
    assert [(p["row"], p["field"], p["rule"]) for p in report["problems"]] == [(3, "value_added", "va_le_revenue")]
    assert "content" not in created
    assert submission_file(store, created["id"]) == ("2020年一季度.csv", content)

    sent = submit(store, created["id"], by="city1")
    assert sent["status"] == "submitted" and isinstance(sent["submitted_at"], dt.datetime)
    assert _counts(store)["reports"] == 0

    done = approve(store, created["id"], by="reviewer")
    assert (done["status"], done["decided_by"]) == ("approved", "reviewer")
    assert done["batch_id"] is not None and isinstance(done["decided_at"], dt.datetime)
    assert (done["import"]["status"], done["import"]["rows_loaded"]) == ("partial", 1)
    batch = show_batch(store, done["batch_id"])
    assert (batch["user_name"], batch["file_name"], batch["status"], batch["file_hash"]) == (
        "city1",
        "2020年一季度.csv",
        "partial",
        created["sha256"],
    )
    assert store.fetchall("SELECT credit_code, revenue FROM reports WHERE is_current") == [(CODES[0], 1000.0)]
    assert all_problems(store, done["batch_id"]) == report["problems"]  # the report told the truth
    assert get_submission(store, created["id"])["batch_id"] == done["batch_id"]
    assert [s["id"] for s in list_submissions(store, status="approved")] == [created["id"]]


def test_illegal_transitions_are_refused_in_both_languages(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    created = create_submission(store, "reports", "r.csv", _reports(GOOD), submitted_by="ent1")
    sid = created["id"]
    for action in (lambda: approve(store, sid, by="r"), lambda: return_submission(store, sid, by="r", reason="x")):
        with pytest.raises(SeimonError) as err:
            action()
        assert _code(err) == "bad_state" and "已校验" in err.value.message_zh and "validated" in err.value.message_en
    submit(store, sid, by="ent1")
    with pytest.raises(SeimonError) as err:
        submit(store, sid, by="ent1")
    assert _code(err) == "bad_state" and "已提交" in err.value.message_zh
    approve(store, sid, by="r")
    for action in (
        lambda: submit(store, sid, by="ent1"),
        lambda: approve(store, sid, by="r"),
        lambda: return_submission(store, sid, by="r", reason="x"),
    ):
        with pytest.raises(SeimonError) as err:
            action()
        assert _code(err) == "bad_state" and "approved" in err.value.message_en
    assert get_submission(store, sid)["status"] == "approved"
    with pytest.raises(SeimonError) as err:
        get_submission(store, sid + 100)
    assert _code(err) == "not_found"
    with pytest.raises(SeimonError) as err:
        submit(store, sid + 100, by="x")
    assert _code(err) == "not_found"


def test_file_rejected_whole_is_kept_but_cannot_be_submitted(store: Store) -> None:
    before = _counts(store)
    created = create_submission(store, "reports", "notes.csv", "只有一段说明文字\n".encode(), submitted_by="city1")
    assert (created["status"], created["validation_status"]) == ("validated", "rejected")
    assert "不是数据表" in created["report"]["message_zh"] and created["report"]["problems"]
    with pytest.raises(SeimonError) as err:
        submit(store, created["id"], by="city1")
    assert _code(err) == "bad_state" and "rejected whole" in err.value.message_en
    assert get_submission(store, created["id"])["status"] == "validated"
    after = _counts(store)
    assert after["submissions"] == before["submissions"] + 1
    assert after["batches"] == before["batches"]  # the dry run's rejected batch was rolled back


def test_return_then_corrected_file_replaces_it(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    first = _submitted(store)
    for reason in ("", "   "):
        with pytest.raises(SeimonError) as err:
            return_submission(store, first["id"], by="reviewer", reason=reason)
        assert _code(err) == "reason_required"
    returned = return_submission(store, first["id"], by="reviewer", reason="第3行增加值大于营业收入，请核实")
    assert (returned["status"], returned["decided_by"], returned["decision_note"]) == (
        "returned",
        "reviewer",
        "第3行增加值大于营业收入，请核实",
    )
    assert returned["batch_id"] is None and _counts(store)["reports"] == 0
    with pytest.raises(SeimonError) as err:
        submit(store, first["id"], by="city1")  # returned is final: a corrected file is a new submission
    assert _code(err) == "bad_state"
    fixed = f"{CODES[1]},2020年1-3月,5000,200,100,王五"
    second = create_submission(
        store, "reports", "r.csv", _reports(GOOD, fixed), submitted_by="city1", replaces=first["id"]
    )
    assert (second["replaces"], second["validation_status"], second["report"]["problems"]) == (
        first["id"],
        "loaded",
        [],
    )
    with pytest.raises(SeimonError) as err:
        create_submission(store, "reports", "r.csv", _reports(GOOD), submitted_by="city1", replaces=second["id"])
    assert _code(err) == "bad_state"  # only a returned submission can be replaced
    with pytest.raises(SeimonError) as err:
        create_submission(
            store, "deflators", "d.csv", _csv(["行业代码,时期,价格指数"]), submitted_by="c", replaces=first["id"]
        )
    assert _code(err) == "bad_state"  # nor by a file of another kind
    submit(store, second["id"], by="city1")
    approved = approve(store, second["id"], by="reviewer")
    assert approved["import"]["rows_loaded"] == 2


def test_approval_is_all_or_nothing(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    sent = _submitted(store)
    sid = sent["id"]
    good = store.fetchone("SELECT content FROM submissions WHERE id = ?", (sid,))
    assert good is not None
    store.execute("UPDATE submissions SET content = ? WHERE id = ?", (b"tampered", sid))
    before = _counts(store)
    with pytest.raises(SeimonError) as err:
        approve(store, sid, by="reviewer")
    assert _code(err) == "content_changed"
    # the stored file, consistent with its hash, that the import now rejects whole: nothing lands
    store.execute(
        "UPDATE submissions SET content = ?, sha256 = ? WHERE id = ?", (b"", hashlib.sha256(b"").hexdigest(), sid)
    )
    with pytest.raises(SeimonError) as err:
        approve(store, sid, by="reviewer")
    assert _code(err) == "import_rejected" and "为空" in err.value.message_zh
    assert _counts(store) == before  # not even the batch the import records for a rejected file
    still = get_submission(store, sid)
    assert (still["status"], still["batch_id"], still["decided_by"], still["decided_at"]) == (
        "submitted",
        None,
        None,
        None,
    )
    store.execute(
        "UPDATE submissions SET content = ?, sha256 = ? WHERE id = ?",
        (good[0], hashlib.sha256(bytes(good[0])).hexdigest(), sid),
    )
    assert approve(store, sid, by="reviewer")["status"] == "approved"
    assert _counts(store)["batches"] == before["batches"] + 1


def test_xlsx_and_gbk_csv_submissions_land(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为2020年一季度报表"])
    ws = wb.create_sheet("报表")
    ws.append(["2020年企业报表"])
    ws.append(["credit_code", "period", "revenue(亿元)", "value added", "value added prior"])
    ws.append([CODES[0], "2020年1-3月", 0.5, 1000, 900])
    buffer = io.BytesIO()
    wb.save(buffer)
    xlsx = create_submission(store, "reports", "报表.xlsx", buffer.getvalue(), submitted_by="ent1", sheet="报表")
    assert (xlsx["validation_status"], xlsx["sheet"], xlsx["rows_valid"]) == ("loaded", "报表", 1)
    gbk = _csv([REPORT_HEADER, f"{CODES[1]},2020年1-3月,10,2,1,张三"], encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")  # really GBK
    csv = create_submission(store, "reports", "企业报表.csv", gbk, submitted_by="ent1")
    assert (csv["validation_status"], csv["rows_valid"]) == ("loaded", 1)
    assert submission_file(store, csv["id"])[1] == gbk
    for sid in (xlsx["id"], csv["id"]):
        submit(store, sid, by="ent1")
        assert approve(store, sid, by="reviewer")["import"]["status"] == "loaded"
    rows = store.fetchall("SELECT credit_code, revenue, row_number, extra_json FROM reports ORDER BY credit_code")
    by_code = {r[0]: r[1:] for r in rows}
    assert by_code[CODES[0]][:2] == (5000.0, 3)  # 0.5 亿元 = 5000 万元, third row of sheet 报表
    assert by_code[CODES[1]][0] == 10.0 and "张三" in by_code[CODES[1]][2]


def test_same_content_already_imported_approves_as_the_earlier_batch(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    content = _reports(GOOD)
    (tmp_path / "r.csv").write_bytes(content)
    earlier = import_file(store, "reports", tmp_path / "r.csv")
    created = create_submission(store, "reports", "r.csv", content, submitted_by="city1")
    assert created["validation_status"] == "unchanged"
    assert created["report"]["same_batch_id"] == earlier.batch_id
    submit(store, created["id"], by="city1")
    done = approve(store, created["id"], by="reviewer")
    assert (done["batch_id"], done["import"]["status"]) == (earlier.batch_id, "unchanged")


def test_the_configured_upload_limit_governs_above_and_below_the_default(store: Store) -> None:
    """A limit set above the 50 MB default lets a bigger file through the size check (its dry run then judges
    it: NUL bytes, rejected whole); a limit set below the file refuses it, naming that limit."""
    big = bytes(MAX_UPLOAD_BYTES + 1)
    kept = create_submission(store, "reports", "big.csv", big, submitted_by="city1", max_bytes=MAX_UPLOAD_BYTES + 2)
    assert (kept["size"], kept["validation_status"]) == (MAX_UPLOAD_BYTES + 1, "rejected")
    assert [p["rule"] for p in kept["report"]["problems"]] == ["encoding"]
    small = _reports(GOOD)
    assert create_submission(store, "reports", "r.csv", small, submitted_by="city1", max_bytes=len(small))["id"]
    with pytest.raises(SeimonError) as err:
        create_submission(store, "reports", "r.csv", small, submitted_by="city1", max_bytes=len(small) - 1)
    limit_mb = f"{(len(small) - 1) / (1024 * 1024):g} MB"
    assert _code(err) == "too_large" and limit_mb in err.value.message_en and limit_mb in err.value.message_zh
    assert _counts(store)["submissions"] == 2


def test_upload_limits_and_names(store: Store) -> None:
    with pytest.raises(SeimonError) as err:
        create_submission(store, "reports", "big.csv", bytes(MAX_UPLOAD_BYTES + 1), submitted_by="city1")
    assert _code(err) == "too_large" and "50 MB" in err.value.message_zh and "big.csv" in str(err.value)
    for bad_name in ("", "C:\\data\\", "../"):
        with pytest.raises(SeimonError) as err:
            create_submission(store, "reports", bad_name, b"x", submitted_by="city1")
        assert _code(err) == "bad_filename"
    with pytest.raises(SeimonError) as err:
        create_submission(store, "reports", "r.csv", b"x", submitted_by=" ")
    assert _code(err) == "missing_submitter"
    with pytest.raises(SeimonError) as err:
        create_submission(store, "plans", "r.csv", b"x", submitted_by="city1")
    assert _code(err) == "unknown_kind"
    assert _counts(store)["submissions"] == 0
    long = "年" * 100 + ".xlsx"
    assert safe_filename(long).endswith(".xlsx") and len(safe_filename(long).encode()) <= 200
    assert safe_filename("C:\\Users\\张\\报表.csv") == "报表.csv"


def test_lists_filter_newest_first(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    a = create_submission(store, "reports", "a.csv", _reports(GOOD), submitted_by="city1", region="130100")
    b = create_submission(
        store, "reports", "b.csv", _reports(GOOD), submitted_by="ent1", credit_code=CODES[0], region="130100"
    )
    c = create_submission(store, "reports", "c.csv", _reports(BAD), submitted_by="city2", region="130200")
    submit(store, b["id"], by="ent1")
    assert [s["id"] for s in list_submissions(store)] == [c["id"], b["id"], a["id"]]
    assert [s["id"] for s in list_submissions(store, submitted_by="city1")] == [a["id"]]
    assert [s["id"] for s in list_submissions(store, status="submitted")] == [b["id"]]
    assert [s["id"] for s in list_submissions(store, region="130100", status="validated")] == [a["id"]]
    assert [s["id"] for s in list_submissions(store, credit_code=CODES[0])] == [b["id"]]
    listed = list_submissions(store)[0]
    assert "content" not in listed and "report" not in listed and listed["rows_quarantined"] == 1
    with pytest.raises(SeimonError) as err:
        list_submissions(store, status="pending")
    assert _code(err) == "bad_status" and all(s in err.value.message_en for s in STATES)


def test_an_approved_submission_is_known_from_its_approval(store: Store, tmp_path: Path) -> None:
    # a late report of 1–3月 2020, approved today: the platform published it today, not on 27 April 2020
    _register(store, tmp_path)
    created = create_submission(store, "reports", "late.csv", _reports(GOOD), submitted_by="city1")
    submit(store, created["id"], by="city1")
    approve(store, created["id"], by="reviewer")
    (vintage,) = store.fetchone("SELECT vintage FROM reports WHERE is_current")
    assert vintage.date() == dt.datetime.now(dt.UTC).date()
    # the same row imported from a file of history is dated by the release calendar
    path = tmp_path / "history.csv"
    path.write_bytes(_reports(f"{CODES[2]},2020年1-3月,900,100,90,王五"))
    import_file(store, "reports", path)
    (history,) = store.fetchone("SELECT vintage FROM reports WHERE credit_code = ?", [CODES[2]])
    assert history == dt.datetime(2020, 4, 27)
