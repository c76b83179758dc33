"""Platform accounts: creation with every rule checked up front, login, password changes, disabling.

An account's role decides what it may do (:mod:`seimon.access.policy`); for a city, an enterprise or a
department the account also carries the slice of data it owns (a reporting unit, a credit code, the
department's name as the registers write it), so those are validated
against the region register and the GB 32100 check here, once, rather than trusted at every request.
Password hashes stay inside this module and :mod:`seimon.access.passwords`: no function returns one.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from seimon.access.passwords import hash_password, needs_rehash, verify_password
from seimon.access.roles import Principal, Role
from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.reference import credit_code as credit_codes
from seimon.reference.regions import load_regions
from seimon.store import Store

logger = logging.getLogger(__name__)

# "li.si_2024-a" matches; "李四", "ab" and "a b" do not: letters, digits, ". _ -", 3 to 64 characters.
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9._-]{3,64}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # Argon2 hashes any length; a cap keeps one request from costing minutes
MAX_DISPLAY_NAME = 200

_PUBLIC_COLUMNS = "username, role, region, credit_code, department, display_name, disabled, created_at, last_login_at"
MAX_DEPARTMENT = 60
# "省科技厅" and "省发展改革委" match; "省科技厅、省财政厅", "a;b" and " " do not: one unit, no list separators.
DEPARTMENT_PATTERN = re.compile(r"^[^、，,;；/\s]{2,60}$")


def _error(zh: str, en: str, code: str, field: str | None = None) -> SeimonError:
    return SeimonError(zh, en, Location(field=field), code=code)


def check_username(username: str) -> str:
    """``username`` if it fits :data:`USERNAME_PATTERN`, else a bilingual error.

    >>> check_username("li.si")
    'li.si'
    """
    if not isinstance(username, str) or not USERNAME_PATTERN.fullmatch(username):
        raise _error(
            f"用户名无效：{username!r}（3–64 位字母、数字或 . _ -）",
            f"invalid username {username!r}: 3 to 64 letters, digits, '.', '_' or '-'",
            "invalid_username",
            "username",
        )
    return username


def check_password(password: str) -> str:
    """``password`` if it is long enough (8 characters or more), else a bilingual error.

    >>> check_password("12345678")
    '12345678'
    """
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise _error(
            f"密码至少 {MIN_PASSWORD} 个字符", f"the password needs at least {MIN_PASSWORD} characters", "weak_password"
        )
    if len(password) > MAX_PASSWORD:
        raise _error(
            f"密码不能超过 {MAX_PASSWORD} 个字符",
            f"the password may have at most {MAX_PASSWORD} characters",
            "weak_password",
        )
    return password


def _role(role: Role | str) -> Role:
    try:
        parsed = Role(role)
    except ValueError:
        raise _error(
            f"未知角色：{role}（应为 {'、'.join(r.value for r in Role if r is not Role.PUBLIC)}）",
            f"unknown role: {role} (expected one of {', '.join(r.value for r in Role if r is not Role.PUBLIC)})",
            "unknown_role",
            "role",
        ) from None
    if parsed is Role.PUBLIC:
        raise _error(
            "public 是匿名访客的角色，不能创建账户（用 public_enabled 开启公众访问）",
            "public is the anonymous visitor's role, not an account role (switch public access on instead)",
            "invalid_role",
            "role",
        )
    return parsed


def _city_region(region: str | None) -> str:
    """A reporting unit of the provincial release: one of the 11 cities, 定州 130682 or 辛集 130181."""
    if not region:
        raise _error(
            "市级用户须指定地区代码（--region）",
            "a city user needs a region code (--region)",
            "missing_region",
            "region",
        )
    units = {r.code: r.name_zh for r in load_regions().reporting_units()}
    if region not in units:
        raise _error(
            f"地区代码 {region} 不是省级发布口径的市级单位（11 个设区市及定州 130682、辛集 130181）",
            f"region {region} is not a reporting unit of the province (the 11 cities, 定州 130682, 辛集 130181)",
            "invalid_region",
            "region",
        )
    return region


def _enterprise_code(code: str | None) -> str:
    if not code:
        raise _error(
            "企业用户须指定统一社会信用代码（--credit-code）",
            "an enterprise user needs its unified social credit code (--credit-code)",
            "missing_credit_code",
            "credit_code",
        )
    normal = credit_codes.normalize(code)
    why = credit_codes.validate(normal)
    if why is not None:
        raise _error(
            f"统一社会信用代码 {code} 无效：{why[0]}",
            f"invalid unified social credit code {code}: {why[1]}",
            "invalid_credit_code",
            "credit_code",
        )
    return normal


def check_department(department: str | None) -> str:
    """A department's name as the registers write it (责任单位, 牵头单位), e.g. ``省科技厅``.

    One unit, without the list separators of the 配合单位 column, 2 to 60 characters. The name is not
    checked against a closed list: the registers name the departments, and the account sees what they
    assign to exactly this name.

    >>> check_department(" 省科技厅 ")
    '省科技厅'
    """
    name = department.strip() if isinstance(department, str) else ""
    if not name:
        raise _error(
            "省直部门用户须指定部门名称（--department，如 省科技厅）",
            "a department user needs the department's name (--department, e.g. 省科技厅)",
            "missing_department",
            "department",
        )
    if not DEPARTMENT_PATTERN.fullmatch(name):
        raise _error(
            f"部门名称无效：{name!r}（一个单位，2–{MAX_DEPARTMENT} 个字符，不含、，;/ 和空格）",
            f"invalid department name {name!r}: one unit, 2 to {MAX_DEPARTMENT} characters, no 、，;/ or spaces",
            "invalid_department",
            "department",
        )
    return name


def _scope(role: Role, region: str | None, credit_code: str | None) -> tuple[str | None, str | None]:
    """The (region, credit code) an account of ``role`` carries: exactly those its role needs."""
    if role is not Role.CITY and region:
        raise _error(
            f"只有市级用户才有地区代码（角色 {role.value}）",
            f"only city users carry a region code (role {role.value})",
            "unexpected_region",
            "region",
        )
    if role is not Role.ENTERPRISE and credit_code:
        raise _error(
            f"只有企业用户才有统一社会信用代码（角色 {role.value}）",
            f"only enterprise users carry a credit code (role {role.value})",
            "unexpected_credit_code",
            "credit_code",
        )
    if role is Role.CITY:
        return _city_region(region), None
    if role is Role.ENTERPRISE:
        return None, _enterprise_code(credit_code)
    return None, None


def _row(store: Store, username: str) -> dict[str, Any] | None:
    rows = store.fetch_dicts(
        "SELECT username, password_hash, role, region, credit_code, department, display_name, disabled FROM users "
        "WHERE username = ?",
        (username,),
    )
    return rows[0] if rows else None


def add_user(
    store: Store,
    username: str,
    password: str,
    role: Role | str,
    *,
    region: str | None = None,
    credit_code: str | None = None,
    display_name: str | None = None,
    department: str | None = None,
) -> Principal:
    """Create an account after checking every rule; the new user as a :class:`Principal`.

    Usernames differing only in case are refused as duplicates (they would confuse people reading the audit).

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> add_user(store, "baoding", "s3cret-pass", "city", region="130600").region
    '130600'
    >>> add_user(store, "kjt", "s3cret-pass", "department", department="省科技厅").department
    '省科技厅'
    """
    check_username(username)
    parsed = _role(role)
    region, credit_code = _scope(parsed, region, credit_code)
    if parsed is Role.DEPARTMENT:
        department = check_department(department)
    elif department:
        raise _error(
            f"只有省直部门用户才有部门名称（角色 {parsed.value}）",
            f"only department users carry a department name (role {parsed.value})",
            "unexpected_department",
            "department",
        )
    else:
        department = None
    check_password(password)
    name = display_name.strip() if display_name else None
    if name and len(name) > MAX_DISPLAY_NAME:
        raise _error(
            f"显示名称不能超过 {MAX_DISPLAY_NAME} 个字符",
            f"the display name may have at most {MAX_DISPLAY_NAME} characters",
            "invalid_display_name",
            "display_name",
        )
    hashed = hash_password(password)
    now = utc_now()
    with store.transaction():
        taken = store.fetchone("SELECT username FROM users WHERE lower(username) = lower(?)", (username,))
        if taken is not None:
            raise _error(
                f"用户名已存在：{taken[0]}", f"the username is taken: {taken[0]}", "duplicate_user", "username"
            )
        store.execute(
            "INSERT INTO users (username, password_hash, role, region, credit_code, department, display_name, "
            "disabled, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)",
            (username, hashed, parsed.value, region, credit_code, department, name or None, now, now),
        )
    logger.info("user %s added with role %s", username, parsed.value)
    return Principal(
        username, parsed, region=region, credit_code=credit_code, display_name=name or None, department=department
    )


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    """A hash to verify against when the username is unknown, so a login takes as long either way."""
    return hash_password("decoy password that never matches")


def authenticate(store: Store, username: str, password: str) -> Principal | None:
    """The user when ``password`` is right and the account is active, else None (never says which part failed).

    An unknown username costs one Argon2 verification like a known one, so timing does not reveal which
    usernames exist. A hash made with older parameters is replaced by a current one on success.

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> _ = add_user(store, "ana", "s3cret-pass", "analyst")
    >>> authenticate(store, "ana", "s3cret-pass").role, authenticate(store, "ana", "wrong-pass")
    (<Role.ANALYST: 'analyst'>, None)
    """
    row = _row(store, username) if isinstance(username, str) and USERNAME_PATTERN.fullmatch(username) else None
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    if row is None:
        verify_password(_decoy_hash(), password)
        return None
    if not verify_password(row["password_hash"], password) or row["disabled"]:
        return None
    now = utc_now()
    if needs_rehash(row["password_hash"]):
        store.execute("UPDATE users SET password_hash = ? WHERE username = ?", (hash_password(password), username))
        logger.info("password hash of %s upgraded to the current parameters", username)
    store.execute("UPDATE users SET last_login_at = ? WHERE username = ?", (now, username))
    return Principal.from_row(row)


def get_user(store: Store, username: str) -> Principal | None:
    """The active user called ``username``, or None when there is none or the account is disabled.

    >>> from seimon.store import open_store
    >>> get_user(open_store("duckdb:///:memory:"), "nobody") is None
    True
    """
    row = _row(store, username)
    if row is None or row["disabled"]:
        return None
    return Principal.from_row(row)


def list_users(store: Store) -> list[dict[str, Any]]:
    """Every account, disabled ones included, ordered by username; never with the password hash.

    >>> from seimon.store import open_store
    >>> list_users(open_store("duckdb:///:memory:"))
    []
    """
    rows = store.fetch_dicts(f"SELECT {_PUBLIC_COLUMNS} FROM users ORDER BY username")
    for row in rows:
        row["disabled"] = bool(row["disabled"])
    return rows


def _require(store: Store, username: str) -> None:
    if store.fetchone("SELECT 1 FROM users WHERE username = ?", (username,)) is None:
        raise _error(f"没有这个用户：{username}", f"no such user: {username}", "unknown_user", "username")


def set_password(store: Store, username: str, password: str) -> None:
    """Give ``username`` a new password and end all of that user's sessions (a changed password logs out).

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> _ = add_user(store, "ana", "s3cret-pass", "analyst")
    >>> set_password(store, "ana", "n3w-secret"); authenticate(store, "ana", "n3w-secret").username
    'ana'
    """
    check_password(password)
    _require(store, username)
    hashed = hash_password(password)
    with store.transaction():
        store.execute(
            "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?",
            (hashed, utc_now(), username),
        )
        store.execute("DELETE FROM sessions WHERE username = ?", (username,))
    logger.info("password of %s changed; sessions ended", username)


def disable_user(store: Store, username: str) -> None:
    """Disable ``username``: logins fail and every open session ends at once. The account and its audit stay.

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> _ = add_user(store, "ana", "s3cret-pass", "analyst")
    >>> disable_user(store, "ana"); get_user(store, "ana") is None
    True
    """
    _require(store, username)
    with store.transaction():
        store.execute("UPDATE users SET disabled = TRUE WHERE username = ?", (username,))
        store.execute("DELETE FROM sessions WHERE username = ?", (username,))
    logger.info("user %s disabled; sessions ended", username)
