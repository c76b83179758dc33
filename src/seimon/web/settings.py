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
        False,
        description="会话 Cookie 总是仅经 HTTPS 发送 / always send the session cookie over HTTPS only (it is anyway "
        "when the request came over HTTPS, directly or through a trusted proxy)",
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
    max_upload_unpacked_mb: float = Field(
        200.0, gt=0, description="XLSX 解压后大小上限（MB） / largest an uploaded XLSX may unpack to"
    )
    max_upload_rows: int = Field(1_000_000, ge=1, description="上传文件数据行数上限 / most data rows in one upload")
    max_upload_columns: int = Field(500, ge=1, description="上传文件列数上限 / most columns in one upload")
    max_upload_seconds: float = Field(
        120.0, gt=0, description="读取上传文件的时限（秒） / time allowed for reading one upload"
    )
    upload_workers: int = Field(
        1, ge=1, le=16, description="同时校验的上传数（其余排队） / uploads validated at once (the others queue)"
    )
    submitter_quota_mb: float = Field(
        500.0, gt=0, description="每个报送用户保存文件的总配额（MB） / total size of the files kept per submitter"
    )
    keep_rejected_files: int = Field(
        5,
        ge=0,
        description="每个报送用户保留的整体被拒文件原件数（其元数据与校验报告始终保留） / rejected originals "
        "kept per submitter (their metadata and validation report are always kept)",
    )
    forwarded_allow_ips: str = Field(
        "",
        description="信任其 X-Forwarded-For/-Proto 头的反向代理地址（逗号分隔；默认不信任任何代理） / proxies whose "
        "X-Forwarded-For/-Proto headers are trusted (comma-separated; default: none)",
    )
    cache_entries: int = Field(512, ge=0, description="结果缓存条目数（0 关闭） / cached results kept (0 turns it off)")
    warm_cache: bool = Field(
        False,
        description="启动后在后台预先计算目标评估与预警 / compute target assessments and warnings in the background "
        "at start (seimon serve turns it on)",
    )
    worker_threads: int = Field(
        40,
        ge=4,
        le=200,
        description="处理请求的工作线程数上限 / most threads serving requests at once (the rest wait for one)",
    )
    malloc_arenas: int = Field(
        1,
        ge=0,
        le=64,
        description="glibc 内存分配区个数（0 为默认：每核 8 个） / glibc malloc arenas (0: glibc's default, 8 per "
        "core)",
    )
    heap_trim_seconds: float = Field(
        30.0,
        ge=0,
        description="每隔多少秒把 C 堆中空闲的内存还给系统（0 关闭） / seconds between returning the C heap's free "
        "memory to the system (0 turns it off)",
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
