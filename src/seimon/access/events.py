"""Audit events as types: one dataclass per event, one registry of their names.

An event names what happened (``name``, the ``action`` column of the audit log), whom or what it touched
(:meth:`AuditEvent.target`) and a small detail object (:meth:`AuditEvent.detail`). Declaring each event once
keeps the names of one workflow the same whoever records it — the web API, the CLI, a service — where
free-form strings had drifted (``user_add`` from the CLI, ``add_user`` from the web). Names are verbs or
verb_object in the imperative (``approve``, ``add_user``, ``read_microdata``); the names they replaced stay
readable as ``aliases``, so rows written before the rename are listed and filtered under the new name.

>>> event = AddUser("ana", "analyst")
>>> event.name, event.target(), event.detail()
('add_user', 'user:ana', {'role': 'analyst'})
>>> canonical_action("user_add"), aliases_of("add_user")
('add_user', ('add_user', 'user_add'))
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, ClassVar

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

EVENTS: dict[str, type[AuditEvent]] = {}
"""Every event class by its name: the one registry."""
_ALIASES: dict[str, str] = {}


@dataclass(frozen=True)
class AuditEvent:
    """Base of every audit event; a subclass sets ``name`` (and ``aliases``, the names it replaced)."""

    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.name or cls.name in EVENTS or cls.name in _ALIASES:
            raise TypeError(f"audit event {cls.__name__} needs a new, unique name (got {cls.name!r})")
        EVENTS[cls.name] = cls
        for old in cls.aliases:
            _ALIASES[old] = cls.name

    def target(self) -> str | None:
        """What the event touched, as ``kind:key`` (``user:ana``, ``submission:12``), or None."""
        return None

    def detail(self) -> dict[str, Any] | None:
        """A small JSON object; secret-looking keys are redacted when written."""
        return None


def canonical_action(name: str) -> str:
    """The registered name of an action, following the alias of a name it replaced.

    >>> canonical_action("user_passwd"), canonical_action("login")
    ('reset_password', 'login')
    """
    if name in EVENTS:
        return name
    if name in _ALIASES:
        return _ALIASES[name]
    raise SeimonError(
        f"未登记的审计事件：{name}",
        f"unregistered audit event: {name} (declare it in seimon.access.events)",
        Location(field="action"),
        code="invalid_value",
    )


def aliases_of(name: str) -> tuple[str, ...]:
    """The stored names an action may have: its own and those it replaced (for filtering old rows)."""
    canonical = canonical_action(name)
    return (canonical, *EVENTS[canonical].aliases)


def _user(username: str) -> str:
    return f"user:{username}"


# --- sessions -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Login(AuditEvent):
    """A successful login (the actor is the principal)."""

    name: ClassVar[str] = "login"


@dataclass(frozen=True)
class LoginFailed(AuditEvent):
    """A wrong user name or password (the actor is the name tried)."""

    name: ClassVar[str] = "login_failed"


@dataclass(frozen=True)
class Logout(AuditEvent):
    name: ClassVar[str] = "logout"


@dataclass(frozen=True)
class ChangePassword(AuditEvent):
    """A user changed their own password."""

    name: ClassVar[str] = "change_password"
    aliases: ClassVar[tuple[str, ...]] = ("password_change",)
    username: str = ""

    def target(self) -> str | None:
        return _user(self.username)


@dataclass(frozen=True)
class ChangePasswordFailed(AuditEvent):
    """A user gave a wrong present password when changing it."""

    name: ClassVar[str] = "change_password_failed"
    aliases: ClassVar[tuple[str, ...]] = ("password_change_failed",)


# --- accounts -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddUser(AuditEvent):
    name: ClassVar[str] = "add_user"
    aliases: ClassVar[tuple[str, ...]] = ("user_add",)
    username: str
    role: str
    region: str | None = None
    credit_code: str | None = None
    department: str | None = None

    def target(self) -> str | None:
        return _user(self.username)

    def detail(self) -> dict[str, Any] | None:
        scope = {"region": self.region, "credit_code": self.credit_code, "department": self.department}
        return {"role": self.role, **{k: v for k, v in scope.items() if v}}


@dataclass(frozen=True)
class DisableUser(AuditEvent):
    name: ClassVar[str] = "disable_user"
    aliases: ClassVar[tuple[str, ...]] = ("user_disable",)
    username: str

    def target(self) -> str | None:
        return _user(self.username)


@dataclass(frozen=True)
class ResetPassword(AuditEvent):
    """An administrator set another user's password."""

    name: ClassVar[str] = "reset_password"
    aliases: ClassVar[tuple[str, ...]] = ("user_passwd",)
    username: str

    def target(self) -> str | None:
        return _user(self.username)


# --- submissions --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UploadSubmission(AuditEvent):
    name: ClassVar[str] = "upload"
    submission_id: int
    kind: str
    file: str
    bytes: int

    def target(self) -> str | None:
        return f"submission:{self.submission_id}"

    def detail(self) -> dict[str, Any] | None:
        return {"kind": self.kind, "file": self.file, "bytes": self.bytes}


@dataclass(frozen=True)
class SubmitSubmission(AuditEvent):
    name: ClassVar[str] = "submit"
    submission_id: int

    def target(self) -> str | None:
        return f"submission:{self.submission_id}"


@dataclass(frozen=True)
class ApproveSubmission(AuditEvent):
    name: ClassVar[str] = "approve"
    submission_id: int
    batch_id: int | None

    def target(self) -> str | None:
        return f"submission:{self.submission_id}"

    def detail(self) -> dict[str, Any] | None:
        return {"batch_id": self.batch_id}


@dataclass(frozen=True)
class ReturnSubmission(AuditEvent):
    name: ClassVar[str] = "return"
    submission_id: int
    reason: str

    def target(self) -> str | None:
        return f"submission:{self.submission_id}"

    def detail(self) -> dict[str, Any] | None:
        return {"reason": self.reason}


# --- confidential reads and outputs -------------------------------------------------------------------
@dataclass(frozen=True)
class ReadMicrodata(AuditEvent):
    """A look at enterprise records: one enterprise (``enterprise:<code>``) or a listing (``enterprises``)."""

    name: ClassVar[str] = "read_microdata"
    what: str
    query: dict[str, Any] | None = field(default=None, hash=False)

    def target(self) -> str | None:
        return self.what

    def detail(self) -> dict[str, Any] | None:
        return self.query


@dataclass(frozen=True)
class ReadQuarantine(AuditEvent):
    """A look at quarantined rows (which hold respondents' raw values)."""

    name: ClassVar[str] = "read_quarantine"
    batch_id: int | None
    returned: int

    def target(self) -> str | None:
        return f"batch:{self.batch_id}" if self.batch_id else "quarantine"

    def detail(self) -> dict[str, Any] | None:
        return {"returned": self.returned}


@dataclass(frozen=True)
class DownloadInternalReport(AuditEvent):
    """An internal edition (with enterprise data) of a report left the system, by the web or the CLI."""

    name: ClassVar[str] = "download_internal_report"
    report: str
    period: str
    format: str
    lang: str
    output: str | None = None

    def target(self) -> str | None:
        return f"{self.report}:{self.period}"

    def detail(self) -> dict[str, Any] | None:
        found = {"format": self.format, "lang": self.lang}
        return found | {"output": self.output} if self.output else found


# --- releases -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReleasePeriod(AuditEvent):
    """A year-to-date period of enterprise data released (pages and bulletins lead with it)."""

    name: ClassVar[str] = "release_period"
    period: str
    released_on: str
    forced: bool = False

    def target(self) -> str | None:
        return f"period:{self.period}"

    def detail(self) -> dict[str, Any] | None:
        return {"released_on": self.released_on, "forced": self.forced}


@dataclass(frozen=True)
class PublishRelease(AuditEvent):
    """A public release recorded under disclosure control."""

    name: ClassVar[str] = "publish_release"
    release_id: int
    period: str
    withheld: int
    audit_ok: bool

    def target(self) -> str | None:
        return f"release:{self.release_id}"

    def detail(self) -> dict[str, Any] | None:
        return {"period": self.period, "withheld": self.withheld, "audit_ok": self.audit_ok}


@dataclass(frozen=True)
class ReleaseAppraisal(AuditEvent):
    """An appraisal's ranking made public."""

    name: ClassVar[str] = "release_appraisal"
    units: str
    year: int

    def target(self) -> str | None:
        return f"{self.units}:{self.year}"


# --- registers (issue 16) -------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditRegister(AuditEvent):
    """A register row created or changed in the web (a project, its progress, a task report, a breakdown): a
    new vintage; the call site gives the record as target and the kind and values as detail."""

    name: ClassVar[str] = "edit_register"


# --- third-party evaluation (issue 20; seimon.services.evaluations gives target and detail) ----------------
@dataclass(frozen=True)
class EvaluatorMember(AuditEvent):
    """An evaluator account set as a member of an evaluator organisation."""

    name: ClassVar[str] = "evaluator_member"


@dataclass(frozen=True)
class EvaluationOpen(AuditEvent):
    """A mid-term or final evaluation opened by the admin."""

    name: ClassVar[str] = "evaluation_open"


@dataclass(frozen=True)
class EvaluationAssign(AuditEvent):
    """An evaluation assigned to an evaluator organisation."""

    name: ClassVar[str] = "evaluation_assign"


@dataclass(frozen=True)
class EvaluationJudge(AuditEvent):
    """A judgement of one target recorded or revised."""

    name: ClassVar[str] = "evaluation_judge"


@dataclass(frozen=True)
class EvaluationAttach(AuditEvent):
    """An evidence file attached to a judgement."""

    name: ClassVar[str] = "evaluation_attach"


@dataclass(frozen=True)
class EvaluationFile(AuditEvent):
    """An evidence file downloaded (evidence may name people and firms)."""

    name: ClassVar[str] = "evaluation_file"


@dataclass(frozen=True)
class EvidenceRequest(AuditEvent):
    """Evidence requested from a responsible department."""

    name: ClassVar[str] = "evidence_request"


@dataclass(frozen=True)
class EvidenceAnswer(AuditEvent):
    """An evidence request answered (by the department, or on its behalf)."""

    name: ClassVar[str] = "evidence_answer"


@dataclass(frozen=True)
class EvaluationSign(AuditEvent):
    """An evaluation signed off: its judgements frozen."""

    name: ClassVar[str] = "evaluation_sign"
