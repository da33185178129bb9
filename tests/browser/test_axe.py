"""axe-core (vendored from npm, tests/browser/vendor/axe-core) finds 0 violations on every
page, signed in and signed out, light and dark, at phone width (390 px).

It backs the hand-written audit in test_accessibility.py (which also checks tap sizes and
sideways scrolling, which axe does not). Set SHOTS=1 to also save every page at 390 and
1280 px in both themes under artifacts/screenshots/pages, for people to look at.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, _contexts, settle
from tests.browser.test_accessibility import ANONYMOUS_PAGES, PAGES
from tests.conftest import make_user
from tests.writes import log_ask, take_intake, write_challenge

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
# Every rule axe runs by default (WCAG 2.0-2.2 A/AA and its best practices) in the light
# theme; in the dark one only the rules that read colours, as nothing else differs between them.
RUN = r"""async (rules) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const result = await axe.run(document, options);
  const where = (node) =>
    node.target.join(" ") + " " + node.failureSummary.replace(/\s+/g, " ").slice(0, 160);
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(where).join(", ")}`);
}"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
THEMES = {"light": None, "dark": COLOUR_RULES}
SHOTS = os.environ.get("SHOTS") == "1"
MORE_ANONYMOUS = [
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-x/",  # an expired link
    "/offline/",
]


def open_page(browser: Any) -> Any:
    """A phone-sized page with axe loaded in every document it opens (the app's own CSP
    allows no inline script, so the context bypasses it; the pages themselves are unchanged)."""
    context = browser.new_context(
        viewport=PHONE, timezone_id="Europe/London", locale="en-GB", bypass_csp=True
    )
    context.set_default_timeout(10_000)
    context.add_init_script(script=AXE)
    _contexts.append(context)
    return context.new_page()


def axe(page: Any, url: str, label: str) -> list[str]:
    """Open url, run axe in both themes and return the violations, one line each."""
    page.goto(url)  # to the load event: no page fetches more of itself later
    settle(page)  # colours are final only once a title has faded in
    return axe_here(page, url, label)


def axe_here(page: Any, name: str, label: str = "") -> list[str]:
    """Run axe on the page as it is now in both themes, the violations one line each."""
    problems = []
    for theme, rules in THEMES.items():
        page.emulate_media(color_scheme=theme)
        problems += [f"{name} [{theme}]: {v}" for v in page.evaluate(RUN, rules)]
        if SHOTS and label:
            _shots(page, label, theme)
    page.emulate_media(color_scheme="light")
    return problems


def _shots(page: Any, label: str, theme: str) -> None:
    folder = ARTIFACTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    name = label.strip("/").replace("/", "_") or "landing"
    for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{width}-{theme}.png"), full_page=True)
    page.set_viewport_size(PHONE)


def _history(user: Any) -> dict[str, Any]:
    from rejection.coach.areas import AREAS

    take_intake(user, {**dict.fromkeys(AREAS, 5), "online": 8}, goals="Ask for a raise")
    mine = write_challenge(
        user,
        {"title": "Ask the baker for a day-old loaf", "script": "Any loaves going spare?"}
        | {"category": "strangers", "difficulty": 2, "where": "A bakery"},
    )
    now = dt.datetime.now(dt.UTC)
    ids: dict[str, Any] = {}
    for days, outcome in enumerate(["rejected", "accepted", "no_response", "partial", "pending"]):
        logged = log_ask(
            user,
            {
                "ask": f"Asked for a discount ({outcome})",
                "outcome": outcome,
                "anxiety_before": 7,
                "anxiety_after": 3,
                "predicted_rejection": 80,
                "occurred_at": now - dt.timedelta(days=days, hours=1),
            },
        )
        ids[outcome] = logged.attempt.pk
    ids["challenge"] = mine.pk
    flagged = write_challenge(
        user, {"title": "Surprise a stranger with a hug", "category": "strangers", "difficulty": 4}
    )
    ids["flagged"] = flagged.pk
    ids.update(_groups(user))
    return ids


def _groups(user: Any) -> dict[str, Any]:
    """A group the person runs with a member who shows everything, and one they may join."""
    from rejection.accounts.days import user_today
    from rejection.groups.contracts import BoardChoices, JoinGroup, NewGroup
    from rejection.groups.services import change_board_choices, create_group, join_group

    today = user_today(user)
    mine = create_group(user, NewGroup(name="Tuesday class", description="We ask."), today)
    friend = make_user("classmate", "America/New_York")
    join_group(friend, JoinGroup(code=mine.code, follow=False), today)
    every = BoardChoices(show_days=True, show_asks=True, show_nos=True, show_titles=True)
    change_board_choices(friend, mine.pk, every)
    log_ask(friend, {"ask": "Asked to pet a dog", "outcome": "rejected"})
    theirs = create_group(friend, NewGroup(name="Sales team", program="100-days"), today)
    return {"group": mine.pk, "their_code": theirs.code}


def test_member_pages_have_no_axe_violations(browser, live_server, deck) -> None:
    from rejection.accounts.services import create_token

    user = make_user("reader", "Europe/London")
    ids = _history(user)
    token, _ = create_token(user, "Shortcuts")
    page = open_page(browser)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "reader")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    attempt = ids["rejected"]
    paths = [
        *PAGES,
        f"/journal/{attempt}/",
        f"/journal/{attempt}/edit/",
        f"/journal/{attempt}/delete/",
        f"/journal/{attempt}/share/",
        f"/journal/{ids['pending']}/",
        f"/deck/{ids['challenge']}/",
        f"/deck/{ids['challenge']}/edit/",
        f"/deck/{ids['challenge']}/delete/",
        f"/deck/{ids['flagged']}/",
        "/deck/?q=nothing+like+this+anywhere",  # "write it as your own"
        "/deck/new/?title=Ask+for+a+window+seat",
        "/progress/week/2026-W01/",
        f"/settings/tokens/{token.pk}/revoke/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/journal/987654/",  # the not-found page
        f"/groups/{ids['group']}/",
        f"/groups/{ids['group']}/?week=2026-W01",
        f"/groups/{ids['group']}/leave/",
        f"/groups/{ids['group']}/close/",
        f"/groups/join/{ids['their_code']}/",
        "/groups/join/?code=nope",
    ]
    problems = [p for path in paths for p in axe(page, base + path, "in" + path)]
    assert not problems, "\n".join(problems)


def test_a_new_persons_pages_have_no_axe_violations(browser, live_server, deck) -> None:
    """The welcome, the lighter intake and the empty Progress and Journal with examples."""
    make_user("newcomer", "Europe/London")
    page = open_page(browser)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "newcomer")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    paths = ["/intake/", "/intake/?step=questions", "/progress/", "/journal/"]
    problems = [p for path in paths for p in axe(page, base + path, "new" + path)]
    assert not problems, "\n".join(problems)


def test_public_pages_have_no_axe_violations(browser, live_server, deck) -> None:
    from rejection.challenges.models import Challenge

    page = open_page(browser)
    base = live_server.url
    card = Challenge.objects.filter(author__isnull=True).first()
    paths = [*ANONYMOUS_PAGES, *MORE_ANONYMOUS, f"/deck/{card.pk}/"]
    problems = [p for path in paths for p in axe(page, base + path, "out" + path)]
    assert not problems, "\n".join(problems)


def test_the_settings_override_beats_the_phone(browser, live_server, deck) -> None:
    make_user("nightowl", "Europe/London")
    page = open_page(browser)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "nightowl")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    page.goto(f"{base}/settings/")
    page.get_by_text("Dark", exact=True).click()
    page.get_by_role("button", name="Use this look").click()
    page.wait_for_url("**/settings/")
    page.emulate_media(color_scheme="light")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 18, 15)"
    assert page.evaluate(RUN) == []


def test_axe_catches_what_it_looks_for(browser) -> None:
    page = open_page(browser)
    page.set_content("<html><body><p style='color:#bbb'>faint</p><input name=x></body></html>")
    found = " | ".join(page.evaluate(RUN))
    for rule in ("html-has-lang", "color-contrast", "label"):
        assert rule in found
    colours_only = " | ".join(page.evaluate(RUN, COLOUR_RULES))
    assert "color-contrast" in colours_only
    assert "label" not in colours_only


def _signed_in(browser: Any, base: str, username: str, intro_seen: bool = True) -> Any:
    """A phone-sized page signed in as username; the first-Today intro already dismissed
    unless intro_seen is False."""
    from rejection.web.views.today import INTRO_COOKIE

    page = open_page(browser)
    if intro_seen:
        host = base.split("//", 1)[1].split(":")[0]
        page.context.add_cookies(
            [{"name": INTRO_COOKIE, "value": "seen", "domain": host, "path": "/"}]
        )
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    return page


def test_today_states_and_celebrations_have_no_axe_violations(browser, live_server, deck) -> None:
    """Every state of Today (first visit, about to ask, asking, done, left open from
    yesterday, rest), the log form, the three celebrations, the milestones page and an ask in
    progress: 0 violations in both themes (SHOTS=1 saves each one as a-<state>)."""
    base = live_server.url
    now = dt.datetime.now(dt.UTC)
    problems: list[str] = []

    make_user("newbie", "Europe/London")
    page = _signed_in(browser, base, "newbie", intro_seen=False)
    problems += axe(page, f"{base}/today/", "a/today-first")
    problems += axe(page, f"{base}/log/", "a/log")

    asking = make_user("asking", "Europe/London")
    started = log_ask(
        asking,
        {"ask": "Ask for a free coffee refill", "outcome": "in_progress"}
        | {"anxiety_before": 7, "predicted_rejection": 80, "occurred_at": now},
    ).attempt
    page = _signed_in(browser, base, "asking")
    problems += axe(page, f"{base}/today/", "a/today-asking")
    problems += axe(page, f"{base}/journal/{started.pk}/", "a/ask-in-progress")

    done = make_user("done", "Europe/London")
    party = {}
    for outcome in ("avoided", "accepted", "rejected"):
        party[outcome] = log_ask(
            done,
            {"ask": f"Ask for a table by the window ({outcome})", "outcome": outcome}
            | {"anxiety_before": 7, "anxiety_after": 3, "predicted_rejection": 80},
        ).attempt.pk
    page = _signed_in(browser, base, "done")
    problems += axe(page, f"{base}/today/", "a/today-done")
    for outcome, kind in (("rejected", "no"), ("accepted", "yes"), ("avoided", "avoided")):
        problems += axe(page, f"{base}/journal/{party[outcome]}/celebrate/", f"a/celebrate-{kind}")
    problems += axe(page, f"{base}/progress/milestones/", "a/milestones")

    stale = make_user("stale", "Europe/London")
    log_ask(
        stale,
        {"ask": "Ask a neighbour to borrow a ladder", "outcome": "in_progress"}
        | {
            "anxiety_before": 6,
            "predicted_rejection": 60,
            "occurred_at": now - dt.timedelta(days=1),
        },
    )
    page = _signed_in(browser, base, "stale")
    problems += axe(page, f"{base}/today/", "a/today-left-open")

    make_user("resting", "Europe/London")
    page = _signed_in(browser, base, "resting")
    page.get_by_role("button", name="Take a rest day").click()
    page.wait_for_url("**/today/")
    problems += axe(page, f"{base}/today/", "a/today-rest")
    problems += axe(page, f"{base}/progress/milestones/", "a/milestones-empty")
    assert not problems, "\n".join(problems)
