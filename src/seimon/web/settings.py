"""Server settings: one pydantic model, read from ``SEIMON_*`` environment variables and ``seimon serve`` options.

Every field is documented in ``docs/settings.md``; a test fails when one is not.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from pydantic import BaseModel, Field

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

ENV_PREFIX = "SEIMON_"


class Settings(BaseModel):
    """What a deployment may configure. Defaults suit one machine on a government intranet."""

    store: str | None = Field(None, description="数据库地址 / store URL (default $SEIMON_STORE or ./seimon.duckdb)")
    host: str = Field("127.0.0.1", description="监听地址 / address to listen on")
    port: int = Field(8000, ge=1, le=65535, description="端口 / port")
    public_enabled: bool = Field(
        False, description="允许匿名访问已公布的汇总数据 / let anonymous visitors read published aggregates"
    )
    session_hours: float = Field(8.0, gt=0, le=24 * 30, description="会话有效小时数 / session lifetime in hours")
    cookie_secure: bool = Field(
        False, description="会话 Cookie 仅经 HTTPS 发送 / send the session cookie over HTTPS only (set behind TLS)"
    )
    secret_key: str = Field(
        default_factory=lambda: secrets.token_urlsafe(32),
        description="签发 CSRF 令牌的密钥 / key that signs CSRF tokens (random per start unless set)",
    )
    login_max_failures: int = Field(
        5, ge=1, description="时间窗内允许的登录失败次数 / failed logins allowed per window"
    )
    login_window_seconds: float = Field(300.0, gt=0, description="登录失败计数时间窗（秒） / failed-login window")
    max_upload_mb: float = Field(50.0, gt=0, description="上传文件大小上限（MB） / largest accepted upload")
    cache_entries: int = Field(512, ge=0, description="结果缓存条目数（0 关闭） / cached results kept (0 turns it off)")
    warm_cache: bool = Field(
        False,
        description="启动后在后台预先计算目标评估与预警 / compute target assessments and warnings in the background "
        "at start (seimon serve turns it on)",
    )
    default_lang: str = Field("zh", pattern="^(zh|en)$", description="页面默认语言 / default page language")


def settings_from_env(**overrides: Any) -> Settings:
    """Settings from ``SEIMON_<FIELD>`` variables, then explicit ``overrides`` (options given to ``seimon serve``).

    >>> settings_from_env(port=9000).port
    9000
    """
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            values[name] = raw
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValueError as exc:
        raise SeimonError("服务器设置无效", f"invalid server settings: {exc}", code="bad_settings") from exc
