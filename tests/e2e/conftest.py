"""Browser tests drive the system Chromium (Debian's package) through pytest-playwright.

Playwright cannot download its own browsers here, so the launch points at /usr/bin/chromium.
Without that browser the tests are skipped, unless DRAAGVLAK_REQUIRE_BROWSER=1 (CI), where a
missing browser is a failure.

`demo_data` seeds the demo once per test process and, on SQLite, copies the seeded database
aside; the next test gets that copy back in milliseconds instead of seeding again. `axe`
checks a page with axe-core at the desktop and the phone width and collects what is serious
or critical; `as_role("inkoper")` gives a page of its own browser context per demo account,
logged in once through the login form.

The browser tests run on SQLite: they check what a person sees and does, which the database
does not change, and every rule under them runs on PostgreSQL in the rest of the suite. On
PostgreSQL they are skipped unless DRAAGVLAK_E2E_ON_POSTGRES=1 (they reseed the demo for each
test there, and would take `make test` on PostgreSQL past its ten minutes).
"""

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def _on_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    if _on_postgres() and os.environ.get("DRAAGVLAK_E2E_ON_POSTGRES") != "1":
        skip = pytest.mark.skip(reason="browser tests run on SQLite (DRAAGVLAK_E2E_ON_POSTGRES=1)")
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)
        return
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("DRAAGVLAK_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}; browser tests are required.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1366, "height": 900}}


_DEMO_SNAPSHOT: dict[str, sqlite3.Connection] = {}


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.fixture
def demo_data(transactional_db):
    """The demo of `seed_demo`. The live server's thread shares this connection when the
    database is SQLite in memory, so a copy put back with SQLite's backup is what it reads.
    The test then works in the scope of the demo's city as it is in that copy."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from core.membership import first_municipality
    from core.scoping import municipality_scope

    connection.ensure_connection()
    if _in_memory_sqlite(connection) and "demo" in _DEMO_SNAPSHOT:
        _DEMO_SNAPSHOT["demo"].backup(connection.connection)
        ContentType.objects.clear_cache()
    else:
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        if _in_memory_sqlite(connection):
            snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(snapshot)
            _DEMO_SNAPSHOT["demo"] = snapshot
    with municipality_scope(first_municipality()):
        yield


@pytest.fixture
def login(page, live_server):
    """login("inkoper") logs the page in through the real login form."""

    def do_login(username, password="demo"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()
        return page

    return do_login


@pytest.fixture
def as_role(browser, live_server, browser_context_args):
    """as_role("gebouwen") is a page logged in as that demo account, in a browser context
    of its own: one login per account and test, and switching between people keeps each
    one's session, as when several people work at the same time."""
    pages = {}

    def page_for(username, password="demo"):
        if username not in pages:
            context = browser.new_context(**browser_context_args)
            page = context.new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Gebruikersnaam").fill(username)
            page.get_by_label("Wachtwoord").fill(password)
            page.get_by_role("button", name="Aanmelden").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            pages[username] = page
        return pages[username]

    yield page_for
    for page in pages.values():
        page.context.close()


AXE_SOURCE = Path(__file__).resolve().parents[2] / "static/vendor/axe-core/axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 812}
# axe-core's own rules, experimental ones left out; what fails a test is serious or critical.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class Axe:
    """Checks pages with axe-core and keeps what it found, by page and width."""

    def __init__(self):
        self.source = AXE_SOURCE.read_text()
        self.checked: list[str] = []
        self.found: list[str] = []

    def violations(self, page) -> list[dict]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.source)
        return page.evaluate(AXE_RUN)

    def check(self, page, *, widths=(DESKTOP, PHONE)) -> list[str]:
        """Runs axe on the page as it is at each width (the desktop one last, so the
        journey goes on as it was) and returns what is serious or critical."""
        label = page.url.split("//", 1)[-1].split("/", 1)[-1]
        found = []
        before = page.viewport_size
        for size in (*[w for w in widths if w != DESKTOP], *[w for w in widths if w == DESKTOP]):
            if page.viewport_size != size:
                page.set_viewport_size(size)
                # What the page does on a resize (app.js) runs in the next frame.
                page.evaluate(NEXT_FRAME)
            for violation in self.violations(page):
                found.append(
                    f"/{label} at {size['width']} px: {violation['id']} ({violation['impact']})"
                    f" on {', '.join(violation['nodes'])}"
                )
            self.checked.append(f"/{label}@{size['width']}")
        if before and page.viewport_size != before:
            page.set_viewport_size(before)
            page.evaluate(NEXT_FRAME)
        self.found.extend(found)
        return found

    def assert_clean(self):
        assert self.found == [], "axe found serious or critical violations:\n" + "\n".join(
            self.found
        )


@pytest.fixture
def axe():
    return Axe()


def pick(page, label, text):
    """Chooses the option whose text contains `text` in the field labelled `label`: a plain
    select, or a searchable picker that replaced it (typed into, then the option clicked;
    the select it keeps for the form carries the same name and is passed over)."""
    fields = page.get_by_role("combobox", name=label).or_(page.get_by_role("listbox", name=label))
    fields.first.wait_for()
    for index in range(fields.count()):
        field = fields.nth(index)
        kind = field.evaluate(
            "el => el.tagName !== 'SELECT' ? 'picker'"
            " : el.classList.contains('tomselected') ? 'replaced' : 'plain'"
        )
        if kind == "plain":
            option = field.locator("option", has_text=text).first.get_attribute("value")
            field.select_option(option)
            return
        if kind == "picker":
            field.fill(text)
            page.get_by_role("option", name=re.compile(re.escape(text))).first.click()
            return
    raise AssertionError(f"no field labelled {label!r}")
