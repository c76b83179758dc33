"""Every server setting is documented, and the documented defaults are the real ones (datasette's rule)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seimon.web.settings import ENV_PREFIX, Settings, settings_from_env

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"
ROW = re.compile(r"^\| `(\w+)` \| `(\w+)` \| ([^|]+) \|", re.MULTILINE)  # "| `port` | `SEIMON_PORT` | `8000` |"


def documented() -> dict[str, tuple[str, str]]:
    return {name: (var, default.strip()) for name, var, default in ROW.findall(DOC.read_text(encoding="utf-8"))}


def test_every_setting_is_documented_with_its_variable() -> None:
    rows = documented()
    assert set(rows) == set(Settings.model_fields), "docs/settings.md and Settings disagree"
    for name, (var, _) in rows.items():
        assert var == ENV_PREFIX + name.upper()


@pytest.mark.parametrize("name", [n for n in Settings.model_fields if n not in {"store", "secret_key"}])
def test_documented_default_is_the_real_default(name: str) -> None:
    shown = documented()[name][1].strip("`")
    real = Settings().model_dump()[name]
    assert shown == (
        str(real).lower() if isinstance(real, bool) else f"{real:g}" if isinstance(real, float) else str(real)
    )


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEIMON_PORT", "9123")
    monkeypatch.setenv("SEIMON_PUBLIC_ENABLED", "true")
    settings = settings_from_env(host="0.0.0.0")
    assert (settings.port, settings.public_enabled, settings.host) == (9123, True, "0.0.0.0")


def test_bad_setting_is_a_bilingual_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from seimon.errors import SeimonError

    monkeypatch.setenv("SEIMON_PORT", "not-a-port")
    with pytest.raises(SeimonError) as err:
        settings_from_env()
    assert err.value.code == "bad_settings" and "服务器设置" in err.value.message_zh
