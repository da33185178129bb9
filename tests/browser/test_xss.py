"""Hostile text in every field, shown on every page that shows it, in a real browser.

Each payload is saved through the services (as the API and the forms do), then the pages
are opened in Chromium. Nothing may run: no dialog opens, the window.__xss flag the
payloads try to set stays unset, no element carries an event-handler attribute or a
javascript: link, and the Content Security Policy reports no violation (a violation would
mean markup tried to run a script or style inline). The text shows exactly as typed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_share import sign_in
from tests.conftest import make_user
from tests.writes import (
    edit_ask,
    log_ask,
    order_ladder,
    take_intake,
    update_profile,
    write_challenge,
)

pytestmark = pytest.mark.browser

FLAG = "window.__xss=1"
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    f'<img src=x onerror="{FLAG};alert(2)">',
    f"<svg onload={FLAG}><circle r=9></svg>",
    f"<svg><script>{FLAG}</script></svg>",
    f'<a href="javascript:{FLAG}">click me</a>',
    f'"><img src=x onerror={FLAG}>',
    f"'><script>{FLAG}</script>",
    f'" autofocus onfocus="{FLAG}" x="',
    f"</textarea><script>{FLAG}</script>",
    f"</title><script>{FLAG}</script>",
    "{{7*7}} {% debug %} ${7*7} #{7*7}",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
    f'<iframe srcdoc="<script>parent.{FLAG}</script>"></iframe>',
    f"<details open ontoggle={FLAG}>x</details>",
    f"<style>@import 'javascript:{FLAG}';</style><b style=color:red>red?</b>",
    "\u202eevil.exe\u202c right-to-left override and \u200fmarks\u200e שלום",
    "emoji 😬🙏🏽👩‍👩‍👧 🇳🇴 <b>bold?</b>",
    "'; DROP TABLE journal_attempt; --",
    f"<body onload={FLAG}><math><mtext><table><mglyph><style><img src=x onerror={FLAG}>",
]
LONG = (f"<img src=x onerror={FLAG}> " * 200)[:4_999]

SCAN = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      const url = ['href', 'src', 'action', 'formaction'].includes(a.name);
      if (url && a.value.trim().toLowerCase().startsWith('javascript:')) bad.push(a.name);
    }
  }
  for (const s of document.querySelectorAll('script:not([src])')) bad.push('inline script');
  for (const s of document.querySelectorAll('body style, body [style]')) bad.push('inline style');
  return bad;
}"""
SHOWN = """() => [document.body.innerText,
  ...Array.from(document.querySelectorAll('input, textarea'), el => el.value)].join('\\n')"""


class Watch:
    """Collects what would show a script ran: dialogs and CSP violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.violations: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def visit(self, url: str, *texts: str, scan: bool = True) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("load")
        assert self.page.evaluate("typeof window.__xss") == "undefined", url
        if scan:
            assert self.page.evaluate(SCAN) == [], url
        shown = self.page.evaluate(SHOWN)
        for text in texts:
            assert text in shown, f"{url} does not show {text[:60]!r}"
        assert self.dialogs == [], url
        assert self.violations == [], url


def as_typed(text: str, limit: int) -> str:
    return text[:limit].strip()


def test_hostile_text_is_shown_as_typed_and_never_runs(browser, live_server, deck) -> None:
    user = make_user("mallory", "Europe/London")
    take_intake(user, {}, skipped=True)
    attempts = []
    for number, payload in enumerate([*PAYLOADS, LONG]):
        result = log_ask(
            user,
            {
                "ask": payload[:300],
                "outcome": "rejected",
                "feared_outcome": payload,
                "what_happened": payload,
                "learned": payload,
                "tags": [payload[:40].lower(), f"tag{number}"],
                "visibility": "private",
            },
        )
        assert result.attempt is not None
        attempts.append((payload, edit_ask(user, result.attempt, {"starred": True}).attempt))
    challenges = []
    for payload in PAYLOADS:
        body = {"title": payload[:120], "script": payload, "where": payload, "why": payload}
        challenge = write_challenge(user, {**body, "category": "strangers", "difficulty": 2})
        challenges.append((payload, challenge))
    clear = [c for _, c in challenges if c.safety_status == c.Safety.CLEAR]
    assert len(clear) >= 5, "the safety screen flagged nearly every payload"
    order_ladder(user, [c.pk for c in clear][:15])

    page = open_page(browser, PHONE)
    base = live_server.url
    sign_in(page, base, "mallory")
    watch = Watch(page)

    for payload, attempt in attempts:
        ask = as_typed(payload, 300)
        watch.visit(f"{base}/journal/{attempt.pk}/", ask, payload.strip())
        watch.visit(f"{base}/journal/{attempt.pk}/edit/", ask, payload.strip())
        watch.visit(f"{base}/journal/{attempt.pk}/share/")
    for payload, challenge in challenges:
        watch.visit(f"{base}/deck/{challenge.pk}/", as_typed(payload, 120), payload.strip())
        watch.visit(f"{base}/deck/?q={quote(payload[:80])}", payload[:80].strip())
    for payload in PAYLOADS:
        update_profile(user, display_name=payload[:80])
        watch.visit(f"{base}/settings/", as_typed(payload, 80))
    watch.visit(f"{base}/journal/", as_typed(PAYLOADS[-1], 60))
    watch.visit(f"{base}/progress/")
    watch.visit(f"{base}/progress/week/", as_typed(PAYLOADS[0], 60))
    watch.visit(f"{base}/ladder/", *(as_typed(c.title, 60) for c in clear[:15]))
    shot(page, "phone-xss-ladder")
    watch.visit(f"{base}/today/")
    watch.visit(f"{base}/log/?ask={quote(PAYLOADS[1])}")
    watch.visit(f"{base}/journal/{attempts[1][1].pk}/")
    shot(page, "phone-xss-attempt")


def test_admin_and_account_pages_keep_to_the_policy(browser, live_server, deck) -> None:
    staff = make_user("keeper", "UTC", is_staff=True, is_superuser=True)
    result = log_ask(staff, {"ask": PAYLOADS[1], "outcome": "rejected"})
    assert result.attempt is not None
    page = open_page(browser, PHONE)
    base = live_server.url
    watch = Watch(page)
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/deck/"):
        watch.visit(base + path)
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "keeper")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")
    for path in (
        "/admin/",
        "/admin/journal/attempt/",
        f"/admin/journal/attempt/{result.attempt.pk}/change/",
        "/admin/challenges/challenge/",
        "/admin/auth/user/",
        f"/admin/auth/user/{staff.pk}/change/",
    ):
        watch.visit(base + path, scan=False)
