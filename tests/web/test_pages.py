"""The server-rendered pages: who may open which, the frame every page shares, languages, and nothing from outside.

Every page is a shell over the API, so the access matrix here is written out by hand (which role opens which
page) and also held against the policy (``seimon.access.policy``), so the two cannot drift apart. The offline
rule is checked on what a browser would really load: every page's HTML, every static file it references, and
every file under ``static/`` (vendor libraries included) is scanned for fetch targets on another host.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from seimon.access.demo_accounts import DemoAccount
from seimon.access.roles import Principal, Role
from seimon.web import Settings, create_app
from seimon.web.auth import CSRF_HEADER, SESSION_COOKIE, csrf_token
from seimon.web.i18n import LANG_COOKIE, MESSAGES
from seimon.web.pages.navigation import PAGES, may_open
from seimon.web.static_files import STATIC_DIR, TEMPLATES_DIR

ALL = {"admin", "analyst", "city", "enterprise", "department", "evaluator"}

# Which role opens which page (hand-written from permissions.yaml and the brief; detail pages as their list).
ACCESS: dict[str, set[str]] = {
    "/": ALL,
    "/targets": ALL,
    "/targets/pv_capacity": ALL,
    "/industries": ALL,
    "/regions": ALL,
    "/appraisals": ALL,  # every role opens it; the API cuts what each sees (tests/web/test_api_appraisals.py)
    "/bases": ALL,
    "/bases/national_sjz_bio": ALL,  # the base profile: plan data, figures cut by the API
    "/projects": ALL,
    "/warnings": ALL - {"enterprise", "department"},
    # projects name their owners: the government side (a department sees its own, cut by the API)
    "/tracking": ALL - {"enterprise"},
    "/tracking/tasks": ALL - {"enterprise"},
    "/tracking/projects/HB2017-001": ALL - {"enterprise"},
    "/submissions": ALL - {"evaluator"},
    "/submissions/1": ALL - {"evaluator"},
    "/batches": {"admin", "analyst", "evaluator"},
    "/batches/1": {"admin", "analyst", "evaluator"},
    "/reports": ALL,
    "/open": ALL,  # released open data: every role, and anonymous visitors when public access is on
    "/benchmark": {"admin", "analyst", "enterprise"},  # benchmark_enterprise: an enterprise; province users name one
    "/users": {"admin"},
    "/audit": {"admin"},
    # third-party evaluations: the province and the evaluator (the API limits an evaluator to its organisation's)
    "/evaluations": {"admin", "analyst", "department", "evaluator"},  # a department: requests addressed to it
    "/evaluations/1": {"admin", "analyst", "department", "evaluator"},
}
PUBLIC_PAGES = {
    "/", "/targets", "/targets/pv_capacity", "/industries", "/regions", "/appraisals", "/bases", "/projects",
    "/reports", "/bases/national_sjz_bio", "/open",
}  # fmt: skip
"""What an anonymous visitor may open when public access is on: pages of published aggregates only."""

ROLE_PRINCIPALS = {
    "admin": Principal("a", Role.ADMIN),
    "analyst": Principal("b", Role.ANALYST),
    "city": Principal("c", Role.CITY, region="130100"),
    "enterprise": Principal("d", Role.ENTERPRISE, credit_code="91130104EL0H6L151N"),
    "department": Principal("f", Role.DEPARTMENT, department="省发展改革委"),
    "evaluator": Principal("e", Role.EVALUATOR),
}


def menu_section(path: str) -> str:
    return "/" if path == "/" else "/" + path.strip("/").split("/")[0]


# --- HTML inspection --------------------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects what a browser would act on: tags with their attributes, and the text of script/style blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: list[tuple[str, dict[str, str], str]] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if tag in ("script", "style"):
            self._open, self._text = (tag, found), []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self.blocks.append((tag, self._open[1], "".join(self._text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


OWN_HOSTS = {"testserver", "127.0.0.1", "localhost"}
URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "background", "manifest", "xlink:href"}
# Attributes naming a namespace or an identifier, never fetched (xmlns="http://www.w3.org/2000/svg").
NOT_FETCHED = {"xmlns", "xmlns:xlink", "xmlns:svg"}
EXTERNAL = r"(?:(?:https?|wss?):)?//[^\s\"'()<>]*"
CSS_TARGETS = [
    re.compile(r"url\(\s*['\"]?(" + EXTERNAL + ")", re.I),
    re.compile(r"@import\s+(?:url\()?\s*['\"]?(" + EXTERNAL + ")", re.I),
]
JS_TARGETS = [
    re.compile(r"\bfetch\(\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\bimport\s*\(\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\bimport\s+(?:[\w*{},\s$]+\s+from\s+)?['\"](" + EXTERNAL + ")"),
    re.compile(r"\bimportScripts\(\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\bnew\s+(?:Shared)?Worker\(\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\bnew\s+(?:WebSocket|EventSource)\(\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\.(?:src|href|action)\s*=\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"setAttribute\(\s*['\"](?:src|href|action)['\"]\s*,\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"\.open\(\s*['\"][A-Z]+['\"]\s*,\s*['\"`](" + EXTERNAL + ")"),
    re.compile(r"<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)\s*=\s*\\?['\"](" + EXTERNAL + ")", re.I),
    re.compile(r"sourceMappingURL=(" + EXTERNAL + ")"),
    *CSS_TARGETS,
]


def is_external(url: str) -> bool:
    """A URL that would make the browser go to another host (http/https/ws or protocol-relative)."""
    url = url.strip()
    if not re.match(r"^(?:(?:https?|wss?):)?//", url, re.I):
        return False
    host = urlsplit(url if "://" in url else "http:" + url).hostname or ""
    return host not in OWN_HOSTS


def external_in_html(html: str) -> list[str]:
    """External URLs an HTML page would fetch or navigate to (attributes, inline style and script blocks)."""
    page = parse(html)
    found = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in NOT_FETCHED:
                continue
            if name in URL_ATTRS and is_external(value):
                found.append(f"<{tag} {name}={value}>")
            if name == "srcset":
                found += [f"<{tag} srcset={u}>" for u in re.split(r"[\s,]+", value) if is_external(u)]
            if name == "style":
                found += [m.group(1) for p in CSS_TARGETS for m in p.finditer(value) if is_external(m.group(1))]
    for tag, _attrs, text in page.blocks:
        patterns = CSS_TARGETS if tag == "style" else JS_TARGETS
        found += [m.group(1) for p in patterns for m in p.finditer(text) if is_external(m.group(1))]
    return found


def external_in_static(name: str, text: str) -> list[str]:
    """External fetch targets in a static file, by its kind (licence texts and data files are never fetched)."""
    suffix = Path(name.split("?", maxsplit=1)[0]).suffix.lower()
    if suffix == ".css":
        patterns = CSS_TARGETS
    elif suffix in (".js", ".mjs"):
        patterns = JS_TARGETS
    elif suffix in (".html", ".htm", ".svg"):
        return external_in_html(text)
    else:
        return []
    return [m.group(1) for p in patterns for m in p.finditer(text) if is_external(m.group(1))]


def test_the_scanner_finds_fetch_targets_and_ignores_what_is_never_fetched() -> None:
    bad_html = (
        '<link rel="stylesheet" href="https://cdn.example.com/x.css"><script src="//cdn.example.com/e.js"></script>'
        '<img src="http://evil.example/p.png"><div style="background:url(https://x.example/b.png)"></div>'
        '<form action="https://collect.example/"></form><script>fetch("https://api.example/d")</script>'
    )
    assert len(external_in_html(bad_html)) == 6
    ok_html = (
        '<svg xmlns="http://www.w3.org/2000/svg"></svg><script src="/static/js/a.js"></script>'
        '<a href="http://127.0.0.1:8000/targets">x</a><p>see https://echarts.apache.org</p>'
        '<script type="application/json">{"repository": "https://github.com/apache/echarts"}</script>'
    )
    assert external_in_html(ok_html) == []
    assert external_in_static("a.css", "@import url('https://fonts.googleapis.com/css?family=x');")
    assert external_in_static("a.css", "src: url(//fonts.gstatic.com/s.woff2)")
    assert external_in_static("a.js", 'import x from "https://cdn.example/m.js";')
    assert external_in_static("a.js", "el.src = 'https://cdn.example/tracker.js'")
    assert external_in_static("a.js", "new Worker('https://cdn.example/w.js')")
    assert external_in_static("a.js", "//# sourceMappingURL=https://cdn.example/a.js.map")
    never = "/*! licence: http://www.apache.org/licenses/LICENSE-2.0 */ var ns='http://www.w3.org/2000/svg';"
    assert external_in_static("a.js", never) == []
    assert external_in_static("LICENSE.txt", "https://example.org") == []


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(app_client: TestClient) -> TestClient:
    """A client of the session's app that keeps no cookies from other tests (and sets none on theirs)."""
    return TestClient(app_client.app, follow_redirects=False)


def fresh_app_client(demo_store_file: Path, folder: Path, **settings: object) -> Iterator[TestClient]:
    target = folder / "store.duckdb"
    shutil.copy(demo_store_file, target)
    app = create_app(Settings(store=f"duckdb://{target}", **settings))
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def public_client(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with public access switched on."""
    yield from fresh_app_client(demo_store_file, tmp_path_factory.mktemp("public"), public_enabled=True)


@pytest.fixture(scope="module")
def english_client(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app whose default page language is English."""
    yield from fresh_app_client(demo_store_file, tmp_path_factory.mktemp("english"), default_lang="en")


def get(client: TestClient, path: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A request without any cookie an earlier request left (the language cookie, above all)."""
    client.cookies.clear()
    return client.get(path, headers=headers or {})


# --- access -----------------------------------------------------------------------------------------------------


def test_the_hand_written_matrix_is_the_policy() -> None:
    """Every menu page's roles, as written above, are those the policy allows (no drift either way)."""
    spec = {p.path: p.actions for p in PAGES}
    for path, roles in ACCESS.items():
        actions = spec[menu_section(path)]
        allowed_by_policy = {r for r, p in ROLE_PRINCIPALS.items() if may_open(p, actions, public_enabled=False)}
        assert allowed_by_policy == roles, path
    assert {menu_section(p) for p in ACCESS} == set(spec)


@pytest.mark.parametrize("path", sorted(ACCESS))
def test_each_page_opens_for_the_roles_allowed_and_refuses_the_others(
    client: TestClient, headers: dict[str, dict[str, str]], path: str
) -> None:
    for role in sorted(ALL):
        r = get(client, path, headers[role])
        if role in ACCESS[path]:
            assert r.status_code == 200, (path, role, r.text[:300])
            assert r.headers["content-type"].startswith("text/html")
            page = parse(r.text)
            main = next(a for t, a in page.tags if t == "main")
            assert main["id"] == "page" and main["data-page"]
        else:
            assert r.status_code == 403, (path, role)
            assert "无权访问" in r.text and "Access denied" in r.text


@pytest.mark.parametrize("path", sorted(ACCESS))
def test_anonymous_visitors_are_sent_to_the_login_page(client: TestClient, path: str) -> None:
    r = get(client, path + "?lang=zh")
    assert r.status_code == 303
    target = urlsplit(r.headers["location"])
    assert target.path == "/login"
    assert parse_qs(target.query)["next"] == [path + "?lang=zh"]


def test_the_login_page_is_open_and_keeps_only_local_next_targets(client: TestClient) -> None:
    def next_of(query: str) -> str:
        r = get(client, "/login" + query)
        assert r.status_code == 200
        return next(a["data-next"] for t, a in parse(r.text).tags if t == "main")

    assert next_of("?next=/targets%3Fas_of%3D2019-12-31") == "/targets?as_of=2019-12-31"
    assert next_of("?next=//evil.example/x") == "/"
    assert next_of("?next=https://evil.example/") == "/"
    assert next_of("") == "/"
    page = get(client, "/login").text
    assert 'id="login-form"' in page and 'type="password"' in page


def test_the_forbidden_page_is_bilingual_and_names_the_refusal(client: TestClient, headers: dict) -> None:
    r = get(client, "/users?lang=en", headers["city"])
    assert r.status_code == 403
    text = r.text
    for words in ("无权访问", "Access denied", "manage users", "管理用户"):
        assert words in text
    assert "users-table" not in text  # nothing of the page itself


def test_an_unknown_target_is_a_404_page(client: TestClient, headers: dict) -> None:
    r = get(client, "/targets/no_such_target", headers["analyst"])
    assert r.status_code == 404
    assert "no_such_target" in r.text and "页面不存在" in r.text and "Page not found" in r.text


@pytest.mark.parametrize("role", sorted(ALL))
def test_the_menu_shows_only_what_the_role_may_use(client: TestClient, headers: dict, role: str) -> None:
    r = get(client, "/reports", headers[role])
    page = parse(r.text)
    nav = page.tags[[t for t, _ in page.tags].index("nav") :]
    links = {a["href"] for t, a in nav if t == "a" and a.get("href", "").startswith("/") and "lang=" not in a["href"]}
    expected = {p for p, roles in ACCESS.items() if role in roles and p == menu_section(p)}
    assert links == expected
    current = [a["href"] for t, a in nav if t == "a" and a.get("aria-current") == "page"]
    assert current == ["/reports"]


def test_the_header_names_the_user_and_role_and_offers_logout(client: TestClient, headers: dict) -> None:
    text = get(client, "/", headers["city"]).text
    assert 'data-username="sjz"' in text and "石家庄市" in text
    assert 'data-role="city"' in text and "市级用户" in text
    assert "data-logout" in text
    assert "战略性新兴产业监测平台" in text and "SEI Monitor" in text
    english = get(client, "/?lang=en", headers["city"]).text
    assert "Shijiazhuang" in english and "city user" in english


def test_public_access_opens_only_the_pages_of_published_aggregates(public_client: TestClient) -> None:
    for path in ACCESS:
        r = get(public_client, path)
        if path in PUBLIC_PAGES:
            assert r.status_code == 200, path
            assert "访客" in r.text and "/login?next=" in r.text
        else:
            assert r.status_code == 303, path
            assert r.headers["location"].startswith("/login?next=")
    page = parse(get(public_client, "/").text)
    nav = page.tags[[t for t, _ in page.tags].index("nav") :]
    links = {a["href"] for t, a in nav if t == "a" and a.get("href", "").startswith("/") and "lang=" not in a["href"]}
    assert links == {p for p in PUBLIC_PAGES if p == menu_section(p)}


# --- languages --------------------------------------------------------------------------------------------------


def test_chinese_is_the_default_and_lang_switches_and_sticks(client: TestClient, headers: dict) -> None:
    c = TestClient(client.app, follow_redirects=False)
    zh = c.get("/targets", headers=headers["analyst"])
    assert '<html lang="zh-CN"' in zh.text and "规划目标" in zh.text and LANG_COOKIE not in zh.cookies
    en = c.get("/targets?lang=en", headers=headers["analyst"])
    assert '<html lang="en"' in en.text and "Plan targets" in en.text and ">Targets<" in en.text
    assert en.cookies.get(LANG_COOKIE) == "en"
    again = c.get("/regions", headers=headers["analyst"])  # the cookie, no parameter
    assert '<html lang="en"' in again.text and "Indicator" in again.text
    back = c.get("/regions?lang=zh", headers=headers["analyst"])
    assert '<html lang="zh-CN"' in back.text and back.cookies.get(LANG_COOKIE) == "zh"
    page = parse(back.text)
    switch = {a["lang"]: a["href"] for t, a in page.tags if t == "a" and a.get("lang")}
    assert switch == {"zh-CN": "/regions?lang=zh", "en": "/regions?lang=en"}


def test_the_switch_keeps_the_other_query_parameters(client: TestClient, headers: dict) -> None:
    page = parse(get(client, "/targets?as_of=2019-12-31&lang=zh", headers["analyst"]).text)
    switch = {a["lang"]: a["href"] for t, a in page.tags if t == "a" and a.get("lang")}
    assert switch["en"] == "/targets?as_of=2019-12-31&lang=en"
    assert any(t == "input" and a.get("value") == "2019-12-31" for t, a in page.tags)


def test_the_default_language_comes_from_the_settings(english_client: TestClient) -> None:
    text = get(english_client, "/login").text
    assert '<html lang="en"' in text and "User name" in text
    assert '<html lang="zh-CN"' in get(english_client, "/login?lang=zh").text


def test_the_page_scripts_get_the_catalogue_of_the_page_language(client: TestClient, headers: dict) -> None:
    import json

    for lang, expected in (("zh", "规划目标"), ("en", "Targets")):
        page = parse(get(client, f"/?lang={lang}", headers["analyst"]).text)
        data = next(text for t, a, text in page.blocks if a.get("id") == "i18n-data")
        assert json.loads(data)["nav.targets"] == expected


# t("upload.saved") → upload.saved; t("upload.state." + s) → prefix upload.state
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z0-9_.%]*[A-Za-z0-9_%])["']""")
PREFIX_USE = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)*)\.["']\s*\+""")


def test_every_message_key_used_by_templates_and_scripts_exists_in_both_languages() -> None:
    used: set[str] = set()
    prefixes: set[str] = set()
    files = [*TEMPLATES_DIR.glob("*.html"), *(STATIC_DIR / "js").glob("*.js")]
    assert len(files) > 20
    for file in files:
        text = file.read_text(encoding="utf-8")
        used |= set(KEY_USE.findall(text))
        prefixes |= set(PREFIX_USE.findall(text))
    used |= {p.label for p in PAGES}
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing, f"message keys missing from seimon.web.i18n.MESSAGES: {missing}"
    for prefix in prefixes:  # t("status." + s): the prefix must have entries
        assert any(k.startswith(prefix + ".") for k in MESSAGES), prefix
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key


# --- security of the pages --------------------------------------------------------------------------------------


def test_pages_carry_no_inline_script_and_no_event_handler(client: TestClient, headers: dict) -> None:
    """The CSP allows scripts from this site only; an inline script or onclick= would be blocked in the browser."""
    for path in ACCESS:
        r = get(client, path, headers["admin"])
        assert "script-src 'self'" in r.headers["content-security-policy"]
        page = parse(r.text)
        for tag, attrs in page.tags:
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", (path, attrs)
        for tag, attrs, text in page.blocks:
            if tag == "script" and not attrs.get("src"):
                assert attrs.get("type") == "application/json" and "</" not in text


def test_the_csrf_meta_of_a_cookie_session_lets_the_page_post(
    client: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    c = TestClient(client.app, follow_redirects=False)
    account = accounts["analyst"]
    r = c.post("/api/v1/auth/login", json={"username": account.username, "password": account.password})
    token = r.cookies[SESSION_COOKIE]
    page = parse(c.get("/submissions").text)
    meta = next(a["content"] for t, a in page.tags if t == "meta" and a.get("name") == "csrf-token")
    assert meta == csrf_token(client.app.state.seimon.settings.secret_key, token)
    assert c.post("/api/v1/auth/logout").status_code == 403  # no token: refused
    assert c.post("/api/v1/auth/logout", headers={CSRF_HEADER: meta}).status_code == 200
    assert c.get("/submissions").status_code == 303  # logged out: back to the login page


# --- offline ----------------------------------------------------------------------------------------------------


def static_refs(html: str) -> set[str]:
    page = parse(html)
    return {
        a[name].split("?")[0]
        for _t, a in page.tags
        for name in ("src", "href")
        if a.get(name, "").startswith("/static/")
    }


def test_no_page_and_no_file_it_loads_points_to_another_host(client: TestClient, headers: dict) -> None:
    referenced: set[str] = set()
    for path in [*ACCESS, "/login"]:
        for lang in ("zh", "en"):
            r = get(client, f"{path}?lang={lang}", headers["admin"])
            assert r.status_code == 200
            assert external_in_html(r.text) == [], path
            referenced |= static_refs(r.text)
    loaded: set[str] = set()
    queue = sorted(referenced)
    while queue:  # every referenced file, and the modules the page scripts import
        ref = queue.pop()
        if ref in loaded:
            continue
        loaded.add(ref)
        r = client.get(ref)
        assert r.status_code == 200, ref
        assert external_in_static(ref, r.text) == [], ref
        folder = ref.rsplit("/", 1)[0]
        queue += [folder + m[1:] for m in re.findall(r"""from\s+["'](\./[\w-]+\.js)["']""", r.text)]
    expected = {
        "/static/vendor/echarts.min.js",
        "/static/vendor/hebei.js",
        "/static/js/common.js",
        "/static/css/site.css",
    }
    assert expected <= loaded


def test_no_static_file_fetches_from_another_host() -> None:
    files = [p for p in STATIC_DIR.rglob("*") if p.is_file()]
    assert any(p.name == "echarts.min.js" for p in files), "static/vendor missing: run bash scripts/build-frontend.sh"
    scanned = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = external_in_static(path.name, text)
        assert found == [], f"{path.relative_to(STATIC_DIR)}: {found[:5]}"
        scanned += path.suffix in (".js", ".css", ".svg", ".html")
    assert scanned >= 20


def form_fields(html: str, form_id: str) -> tuple[str, dict[str, list[str]]]:
    """A GET form's action and, per field, the values its options offer (or its own value)."""
    page = parse(html)
    start = next(i for i, (t, a) in enumerate(page.tags) if t == "form" and a.get("id") == form_id)
    action = page.tags[start][1]["action"]
    fields: dict[str, list[str]] = {}
    current = None
    for tag, attrs in page.tags[start + 1 :]:
        if tag == "form":
            break
        if tag in ("select", "input") and attrs.get("name"):
            current = attrs["name"]
            fields[current] = [attrs["value"]] if "value" in attrs else []
        elif tag == "option" and current is not None:
            fields[current].append(attrs.get("value", ""))
    return action, fields


def test_the_report_forms_ask_the_api_what_it_understands(client: TestClient, headers: dict) -> None:
    """Each form's fields are parameters of the API route it is sent to, and its choices are values it accepts.

    (Generating a report takes tens of seconds; the reports themselves are tested in tests/report.)
    """
    from seimon.report import FORMATS

    openapi = client.get("/api/v1/openapi.json").json()

    def parameters(action: str) -> set[str]:
        return {p["name"] for p in openapi["paths"][action]["get"]["parameters"]}

    action, fields = form_fields(get(client, "/reports", headers["analyst"]).text, "bulletin-form")
    assert action == "/api/v1/reports/bulletin"
    assert set(fields) == parameters(action) == {"period", "edition", "lang", "format", "as_of"}
    assert fields["edition"] == ["public", "internal"] and fields["lang"] == ["zh", "en"]
    assert fields["format"] == list(FORMATS)
    _action, city_fields = form_fields(get(client, "/reports", headers["city"]).text, "bulletin-form")
    assert city_fields["edition"] == ["public"]  # the internal edition is not offered to a city
    action, fields = form_fields(get(client, "/reports", headers["evaluator"]).text, "evaluation-form")
    assert action == "/api/v1/reports/evaluation"
    # ?evaluation= names one third-party evaluation: the workspace's links send it; this form leaves it to the date
    # (the report then carries the evaluation signed as of that date, if any)
    assert set(fields) == parameters(action) - {"evaluation"} == {"as_of", "lang", "format"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["as_of"][0])
    refused = client.get(action, params={"as_of": "2020-12-31", "format": "odt"}, headers=headers["evaluator"])
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "bad_format"
