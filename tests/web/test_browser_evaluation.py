"""A final evaluation of the built-in plan, from opening to the signed report, in a real browser (issue 20).

The administrator records the evaluator's organisation, opens a final evaluation (总结评估) and assigns it; the
evaluator judges the four qualitative targets (one with an evidence file), disputes one quantitative figure and
confirms another, and asks a responsible department for evidence; a province analyst answers for the department
with a file; the evaluator signs; the report (DOCX and PDF) is downloaded and carries the opinions and the
signature page. Every request goes only to the test server and any console error fails the test.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from playwright.sync_api import Dialog, Page, expect
from pypdf import PdfReader
from tests.web.test_browser import Watch, browser, log_in, log_out, session, shots

from seimon.access.demo_accounts import DemoAccount
from seimon.plan import load_plan

__all__ = ["browser", "session", "shots"]

ORG = "河北省宏观经济研究院"
SIGNATORY = "王评估"
AS_OF = "2021-06-30"
SIGNED_ON = "2021-07-20"
DISPUTED = "enterprise_tech_centres"
CONFIRMED = "hitech_enterprises"
DISPUTE_REASON = "平台数值未含2020年新认定的省级中心，口径偏窄"
REPORT_TIMEOUT_MS = 300_000  # the whole plan is assessed and laid out on a shared machine


def judge(page: Page, target: str, verdict: str, reason: str, file: Path | None = None) -> None:
    page.click(f'#targets-table tr[data-target="{target}"] button[data-judge]')
    page.select_option("#judge-verdict", verdict)
    page.fill("#judge-reason", reason)
    if file is not None:
        page.set_input_files("#judge-file", str(file))
    page.click("#judge-form button[type=submit]")
    expect(page.locator(f'#targets-table tr[data-target="{target}"] [data-verdict="{verdict}"]')).to_be_visible()


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_final_evaluation_from_opening_to_the_signed_report(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path, tmp_path: Path
) -> None:
    page, _watch, base = session
    page.on("dialog", Dialog.accept)
    qualitative = [q.id for q in load_plan().qualitative_targets]
    evaluator = accounts["evaluator"].username

    # the administrator: the evaluator's organisation, a final evaluation, its assignment
    log_in(page, base, accounts["admin"], "/evaluations")
    page.fill("#member-username", evaluator)
    page.fill("#member-organisation", ORG)
    page.click("#member-form button[type=submit]")
    expect(page.locator(f'#members-table tr[data-member="{evaluator}"]')).to_contain_text(ORG)
    page.select_option("#open-kind", "final")
    page.fill("#open-as-of", AS_OF)
    page.click("#open-form button[type=submit]")
    expect(page.locator("#open-ok")).to_be_visible()
    row = page.locator("#evaluations-table tbody tr[data-evaluation]").first
    evaluation_id = row.get_attribute("data-evaluation")
    assert evaluation_id is not None
    row.locator("input[name=organisation]").fill(ORG)
    row.locator("button[data-assign]").click()
    expect(page.locator(f'#evaluations-table tr[data-evaluation="{evaluation_id}"] td.organisation')).to_have_text(ORG)
    page.screenshot(path=shots / "40-admin-opens-evaluation.png", full_page=True)
    log_out(page, base)

    # the evaluator: every qualitative target judged, one figure disputed and one confirmed, evidence requested
    log_in(page, base, accounts["evaluator"], "/evaluations")
    page.click(f'#evaluations-table tr[data-evaluation="{evaluation_id}"] a')
    page.wait_for_url(re.compile(rf"/evaluations/{evaluation_id}$"))
    expect(page.locator("#targets-table tbody tr[data-target]")).to_have_count(len(load_plan().targets) + 4)
    figure_row = page.locator(f'#targets-table tr[data-target="{DISPUTED}"]')
    expect(figure_row.locator("td").nth(3)).not_to_have_text("—")  # a source and vintage beside the figure
    ledger = tmp_path / "公交车辆台账.pdf"
    ledger.write_bytes(b"%PDF-1.4\n% bus fleet ledger of every city\n")
    judge(page, qualitative[0], "partly", "11个设区市公交已全部为新能源车，部分县域尚未覆盖", ledger)
    for target in qualitative[1:]:
        judge(page, target, "achieved", "有关部门材料表明已基本形成")
    judge(page, DISPUTED, "disputed", DISPUTE_REASON)
    judge(page, CONFIRMED, "confirmed", "与科技厅认定名单一致")
    expect(page.locator(f'#targets-table tr[data-target="{qualitative[0]}"] a[download]')).to_have_text(ledger.name)
    page.select_option("#request-target", qualitative[0])
    department = page.locator("#request-department option").first.get_attribute("value")
    assert department
    page.select_option("#request-department", department)
    page.fill("#request-question", "请提供各县公交车辆构成台账")
    page.fill("#request-due", "2021-07-15")
    page.click("#request-form button[type=submit]")
    expect(page.locator("#requests-table tbody tr[data-request]")).to_have_count(1)
    expect(page.locator("#progress")).to_contain_text("4/4")
    page.screenshot(path=shots / "41-evaluator-workspace.png", full_page=True)
    log_out(page, base)

    # a province analyst answers on the department's behalf
    log_in(page, base, accounts["analyst"], f"/evaluations/{evaluation_id}")
    page.click("#requests-table button[data-answer]")
    page.fill("#answer-text", "附各县公交车辆构成台账（截至2020年底）")
    answer_file = tmp_path / "县域台账.xlsx"
    answer_file.write_bytes(b"PK fake workbook bytes kept as sent")
    page.set_input_files("#answer-files", str(answer_file))
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#requests-table tr[data-request] td.answer")).to_contain_text("县域台账.xlsx")
    expect(page.locator("#requests-table tr[data-request]")).to_have_attribute("data-status", "answered")
    expect(page.locator("#judge-section")).to_be_hidden()  # the province reads, it does not judge
    log_out(page, base)

    # the evaluator signs: the judgements are frozen
    log_in(page, base, accounts["evaluator"], f"/evaluations/{evaluation_id}")
    expect(page.locator("#requests-table tr[data-request] td.answer")).to_contain_text("台账")
    page.fill("#sign-signatory", SIGNATORY)
    page.fill("#sign-date", SIGNED_ON)
    page.click("#sign-form button[type=submit]")
    expect(page.locator("#signed-note")).to_contain_text(SIGNATORY)
    expect(page.locator("#targets-table button[data-judge]")).to_have_count(0)
    expect(page.locator("#sign-section")).to_be_hidden()
    page.screenshot(path=shots / "42-evaluation-signed.png", full_page=True)

    # the signed report, DOCX and PDF
    with page.expect_download(timeout=REPORT_TIMEOUT_MS) as got:
        page.click("#report-docx")
    text = docx_text(Path(got.value.path()).read_bytes())
    with page.expect_download(timeout=REPORT_TIMEOUT_MS) as got_pdf:
        page.click("#report-pdf")
    pdf = PdfReader(io.BytesIO(Path(got_pdf.value.path()).read_bytes()))
    pdf_text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    for body in (text, pdf_text):
        squeezed = re.sub(r"\s+", "", body)
        assert "总结评估报告" in squeezed
        assert "第三方评估意见" in squeezed and "签署页" in squeezed
        assert "部分实现" in squeezed and "基本实现" in squeezed
        assert "有异议" in squeezed and re.sub(r"\s+", "", DISPUTE_REASON) in squeezed
        assert ORG in squeezed and SIGNATORY in squeezed and SIGNED_ON in squeezed
        assert "公交车辆台账.pdf" in squeezed and "县域台账.xlsx" in squeezed
    assert "待评估" not in re.sub(r"\s+", "", text)  # the qualitative table now carries the judgements
    last = re.sub(r"\s+", "", pdf.pages[-1].extract_text() or "")
    assert "签署页" in last and SIGNATORY in last  # the signature page is a page of its own, at the end
