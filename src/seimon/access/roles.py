"""Who someone is on the platform: a role, and for the city, enterprise and department roles the slice they own.

Roles follow the confidentiality rule of the Statistics Law (arts. 9 and 25): enterprise microdata go only to
the province's statisticians, to a city for its own enterprises, and to an enterprise for its own records.
What each role may do is not decided here but in :mod:`seimon.access.policy`, from the declared
``resources/access/permissions.yaml``; this module only names the roles and the :class:`Principal`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

logger = logging.getLogger(__name__)


class Role(StrEnum):
    """The seven roles of the platform.

    * ``admin`` — province: users and settings, and everything an analyst can do / 系统管理员
    * ``analyst`` — province: all data including microdata, approvals, batches, quarantine / 省级统计分析人员
    * ``city`` — one reporting unit (a city, or 定州/辛集): its own enterprises' microdata / 市级用户
    * ``enterprise`` — one enterprise: its own records and submissions / 企业用户
    * ``department`` — one provincial department (省科技厅 …): the targets it leads or supports, the projects
      and tasks it is responsible for (五(七) 分解落实) / 省直部门
    * ``evaluator`` — third-party evaluation: aggregates, methods, warnings, no microdata / 第三方评估
    * ``public`` — the anonymous visitor, only when public access is switched on / 公众

    >>> Role("city") is Role.CITY, str(Role.ANALYST)
    (True, 'analyst')
    """

    ADMIN = "admin"
    ANALYST = "analyst"
    CITY = "city"
    ENTERPRISE = "enterprise"
    DEPARTMENT = "department"
    EVALUATOR = "evaluator"
    PUBLIC = "public"


ROLE_NAMES_ZH: dict[Role, str] = {
    Role.ADMIN: "系统管理员",
    Role.ANALYST: "省级分析人员",
    Role.CITY: "市级用户",
    Role.ENTERPRISE: "企业用户",
    Role.DEPARTMENT: "省直部门",
    Role.EVALUATOR: "第三方评估",
    Role.PUBLIC: "公众",
}
"""Chinese role names for pages and tables."""


@dataclass(frozen=True)
class Principal:
    """An authenticated (or anonymous public) actor, as every authorisation decision sees it.

    >>> Principal("baoding", Role.CITY, region="130600").region
    '130600'
    """

    username: str
    role: Role
    region: str | None = None  # city role: the 6-digit region code (a city, or 定州 130682 / 辛集 130181)
    credit_code: str | None = None  # enterprise role: its unified social credit code
    display_name: str | None = None
    department: str | None = None  # department role: its name as the registers write it, e.g. 省科技厅

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Principal:
        """A principal from a ``users`` row (username, role, region, credit_code, display_name[, department]).

        >>> Principal.from_row({"username": "e1", "role": "evaluator", "region": None, "credit_code": None,
        ...                     "display_name": "评估组"}).role
        <Role.EVALUATOR: 'evaluator'>
        """
        return cls(
            username=row["username"],
            role=Role(row["role"]),
            region=row["region"],
            credit_code=row["credit_code"],
            display_name=row["display_name"],
            department=row.get("department"),
        )

    def to_dict(self) -> dict[str, str | None]:
        """The principal as JSON for the API and the CLI (there is nothing secret in it).

        >>> Principal("a", Role.ADMIN).to_dict()["role"]
        'admin'
        """
        return {
            "username": self.username,
            "role": self.role.value,
            "region": self.region,
            "credit_code": self.credit_code,
            "display_name": self.display_name,
            "department": self.department,
        }


PUBLIC_PRINCIPAL = Principal("public", Role.PUBLIC)
"""What an anonymous visitor is when public access is on."""
