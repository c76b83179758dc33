"""Demo accounts, one per role, so that ``make demo`` ends with a platform people can log in to at once.

The passwords are printed and well known: these accounts are for a demonstration store only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from seimon.access.users import add_user, list_users, set_password
from seimon.store import Store

logger = logging.getLogger(__name__)

DEMO_CITY = "130100"  # 石家庄市
DEMO_DEPARTMENT = "省发展改革委"  # responsible for demo projects, tasks and targets (seimon.demo.tracking)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    region: str | None = None
    credit_code: str | None = None
    display_name: str | None = None
    department: str | None = None


def demo_enterprise(store: Store, region_prefix: str = DEMO_CITY[:4]) -> str | None:
    """A current industrial enterprise of the demo city (the SEI one with the lowest credit code that reports on
    the industrial form), for the enterprise account: its record, reports and benchmark have something to show."""
    if not store.table_exists("reports"):
        return None
    row = store.fetchone(
        "SELECT min(e.credit_code) FROM enterprises e WHERE e.is_current AND e.region LIKE ? AND e.credit_code IN"
        " (SELECT credit_code FROM enterprise_classifications WHERE status = 'assigned')"
        " AND e.credit_code IN (SELECT credit_code FROM reports WHERE is_current)",
        (region_prefix + "%",),
    )
    return row[0] if row and row[0] else None


def seed_demo_accounts(store: Store) -> list[DemoAccount]:
    """Create (or reset the passwords of) the demo accounts; returns them with their passwords.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     [a.username for a in seed_demo_accounts(s)]
    ['admin', 'analyst', 'sjz', 'fgw', 'evaluator']
    """
    accounts = [
        DemoAccount("admin", "demo-admin-2020", "admin", display_name="省级管理员 / province administrator"),
        DemoAccount("analyst", "demo-analyst-2020", "analyst", display_name="省统计分析员 / province analyst"),
        DemoAccount("sjz", "demo-city-2020", "city", region=DEMO_CITY, display_name="石家庄市 / Shijiazhuang"),
        DemoAccount(
            "fgw",
            "demo-department-2020",
            "department",
            department=DEMO_DEPARTMENT,
            display_name="省发展改革委 / Development and Reform Commission",
        ),
        DemoAccount("evaluator", "demo-evaluator-2020", "evaluator", display_name="第三方评估 / evaluator"),
    ]
    code = demo_enterprise(store)
    if code:
        accounts.append(
            DemoAccount("enterprise", "demo-enterprise-2020", "enterprise", credit_code=code, display_name=code)
        )
    existing = {u["username"] for u in list_users(store)}  # disabled ones too: get_user hides them
    for a in accounts:
        if a.username not in existing:
            add_user(
                store,
                a.username,
                a.password,
                a.role,
                region=a.region,
                credit_code=a.credit_code,
                display_name=a.display_name,
                department=a.department,
            )
        else:
            set_password(store, a.username, a.password)
    logger.info("demo accounts ready: %s", ", ".join(a.username for a in accounts))
    return accounts
