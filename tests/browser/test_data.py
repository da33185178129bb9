"""Your data at phone width: download, import a file, pass the audit, delete the account."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from rejection.data.services import export_user
from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_accessibility import audit
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")


def test_data_page_at_phone_width(browser, live_server, deck, tmp_path: Path) -> None:
    source = make_user("source", "Europe/London")
    log_ask(source, {"ask": "Asked for a free coffee", "outcome": "rejected"})
    log_ask(source, {"ask": "Asked to skip the queue", "outcome": "accepted"})
    export = tmp_path / "export.json"
    export.write_text(json.dumps(export_user(source)))
    make_user("keeper", "Europe/London")

    page = open_page(browser, PHONE)
    sign_in(page, live_server.url, "keeper")
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Download or import your data").click()
    page.wait_for_url("**/settings/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    shot(page, "phone-data")
    assert audit(page, f"{live_server.url}/settings/data/") == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything (JSON)").click()
    assert download.value.suggested_filename.startswith("rejection-export-")

    page.get_by_label("Export file (.json)").set_input_files(str(export))
    page.get_by_role("button", name="Import").click()
    report = page.get_by_role("status").filter(has_text="Import finished")
    expect(report).to_contain_text("Asks added")
    shot(page, "phone-data-imported")
    assert audit(page, f"{live_server.url}/settings/data/") == []

    page.get_by_role("link", name="Delete my account").click()
    page.wait_for_url("**/settings/delete/")
    shot(page, "phone-account-delete")
    assert audit(page, f"{live_server.url}/settings/delete/") == []
    page.get_by_label("Your password").fill("correct horse battery")
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Thank you for every ask")
    shot(page, "phone-account-deleted")
    assert not get_user_model().objects.filter(username="keeper").exists()
    page.context.close()
