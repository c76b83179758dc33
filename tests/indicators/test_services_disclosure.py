"""The public bulletin's services tables go through the disclosure stage: a cell resting on too few services
enterprises is withheld, and never alone while the headline total is published (secondary suppression)."""

from __future__ import annotations

import pytest

from seimon.disclose import load_rules
from seimon.indicators import query
from seimon.report.content import SUPPRESSED
from seimon.report.services_section import contributors, services_section, withheld_cells
from seimon.store import Store


@pytest.mark.parametrize("by", ["plan_industry", "division"])
def test_services_cells_are_protected_primary_and_secondary(duck_store: Store, by: str) -> None:
    cells = contributors(duck_store, "2019", by)
    shown = {str(r[by]) for r in query("sei_services_revenue", store=duck_store, period="2019", by=by)}
    rules = load_rules()
    sensitive = {
        c
        for c in shown
        if len(cells.get(c, [])) < rules.min_contributors or rules.dominance.dominated(sum(cells[c]), cells[c][:2])
    }
    hidden = withheld_cells(duck_store, "2019", by, None)
    assert sensitive <= hidden
    # the services cells follow the SEI population's pattern too (withheld with the industrial cells they share
    # enterprises' industries with), so some are withheld on the shared dataset
    assert hidden, "nothing withheld: the test would prove nothing"
    assert len(hidden) >= 2  # the total is published: one withheld cell alone would be the total minus the rest


def test_the_public_services_tables_show_what_the_disclosure_stage_decides(duck_store: Store) -> None:
    part = services_section(duck_store, "2019", heading="六、战略性新兴服务业", first_table=9, edition="public")
    internal = services_section(duck_store, "2019", heading="六、战略性新兴服务业", first_table=9, edition="internal")
    by_industry = part.tables[1]
    withheld = [row for row in by_industry.rows if row[1] == SUPPRESSED]
    assert len(withheld) == len(withheld_cells(duck_store, "2019", "plan_industry", None)) >= 2
    assert all(row[1] != SUPPRESSED for row in internal.tables[1].rows)
