"""A photo on an ask, on a phone: upload with its progress, the faces outlined, one kept, the
review done, the checklist confirmed, the story image made and downloaded without location."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_accessibility import audit_here
from tests.browser.test_axe import axe
from tests.browser.test_axe import open_page as axe_page
from tests.conftest import make_user
from tests.media.app.media_files import filesystem_storages, photo_with_gps
from tests.writes import log_ask

pytestmark = pytest.mark.browser
# Keeps every percentage the upload bar shows, across the page change that follows.
WATCH_PROGRESS = """
document.addEventListener("DOMContentLoaded", () => {
  const label = document.querySelector("[data-media-percent]");
  if (!label) return;
  new MutationObserver(() => {
    const seen = JSON.parse(sessionStorage.getItem("seen") || "[]");
    seen.push(label.textContent);
    sessionStorage.setItem("seen", JSON.stringify(seen));
  }).observe(label, {childList: true, characterData: true, subtree: true});
});
"""
FAKE_SHARE = """
navigator.canShare = (data) => Boolean(data && data.files && data.files.length);
navigator.share = (data) => { window.sharedData = data; return Promise.resolve(); };
"""


def test_a_photo_from_upload_to_story(
    browser: Any, live_server: Any, deck: Any, settings: Any, tmp_path: Path
) -> None:
    settings.STORAGES = filesystem_storages(tmp_path / "media")
    user = make_user("filmer", "Europe/London")
    attempt = log_ask(user, {"ask": "Ask to make my own coffee", "outcome": "rejected"}).attempt
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(photo_with_gps())

    page = open_page(browser, PHONE)
    page.add_init_script(WATCH_PROGRESS)
    page.add_init_script(FAKE_SHARE)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "filmer")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    page.goto(f"{base}/journal/{attempt.pk}/")
    page.get_by_label("Add a photo or video").set_input_files(str(photo))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/media/\d+/$"))
    assert "100%" in page.evaluate("() => sessionStorage.getItem('seen') || ''")

    faces = page.locator("svg .face")
    expect(faces.first).to_be_visible()
    assert faces.count() >= 1
    expect(page.get_by_role("button", name=re.compile(r"^Face 1: blurred"))).to_be_visible()
    shot(page, "phone-media-review")
    review = page.url
    # axe runs in a page that lets it add its script; this one keeps the app's CSP.
    checker = axe_page(browser)
    checker.context.add_cookies(page.context.cookies())
    problems = axe(checker, review, "media-review")
    problems += axe(checker, f"{base}/journal/{attempt.pk}/", "ask")
    assert problems == [], "\n".join(problems)
    faces.first.click()  # tapping the face keeps it
    expect(page.get_by_role("button", name=re.compile(r"^Face 1: kept unblurred"))).to_be_visible()
    expect(page.locator("svg .face--kept")).to_have_count(1)
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_text("Review done. The original is deleted")).to_be_visible()

    page.get_by_label(re.compile("everyone who can be recognised")).check()
    page.get_by_label(re.compile("no child can be recognised")).check()
    page.get_by_label(re.compile("not filmed in a private place")).check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("You confirmed the checklist")).to_be_visible()
    page.get_by_role("button", name="Make my story image").click()
    download = page.get_by_role("link", name="Download")
    expect(download).to_be_visible()
    expect(page.get_by_label("Caption to post with it")).to_have_value(
        re.compile(r"^Rejection Therapy day 01: asking to make my own coffee")
    )
    share = page.get_by_role("button", name="Share")
    expect(share).to_be_visible()
    share.click()
    page.wait_for_function("() => window.sharedData")
    shared = page.evaluate("() => ({type: sharedData.files[0].type, text: sharedData.text})")
    assert shared["type"] == "image/jpeg" and shared["text"].startswith("Rejection Therapy")
    assert audit_here(page) == []
    shot(page, "phone-media-done")
    problems = axe(checker, review, "media-done") + axe(checker, review + "delete/", "media-delete")
    assert problems == [], "\n".join(problems)
    download = page.get_by_role("link", name="Download")

    with page.expect_download() as caught:
        download.click()
    saved = tmp_path / "story.jpg"
    caught.value.save_as(saved)
    assert saved.read_bytes()[:3] == b"\xff\xd8\xff"
    exiftool = shutil.which("exiftool")
    if exiftool:
        tags = subprocess.run(
            [exiftool, "-a", "-G1", "-s", str(saved)], capture_output=True, text=True, check=True
        ).stdout
        assert not re.search(r"GPS|Serial|Location", tags), tags


def test_a_videos_faces_are_shown_where_they_are_clearest(
    browser: Any, live_server: Any, deck: Any, settings: Any, tmp_path: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rejection.media.services import upload_media
    from tests.media.processing.clips import moving_faces

    settings.STORAGES = filesystem_storages(tmp_path / "media")
    user = make_user("videographer", "Europe/London")
    attempt = log_ask(user, {"ask": "Ask to DJ one song", "outcome": "rejected"}).attempt
    path = tmp_path / "ask.mp4"
    moving_faces(path, seconds=1.5)
    media = upload_media(user, attempt, SimpleUploadedFile("ask.mp4", path.read_bytes()))
    media.refresh_from_db()
    assert media.status == "review" and len(media.faces) >= 2

    page = open_page(browser, PHONE)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "videographer")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    page.goto(f"{base}/media/{media.pk}/")
    expect(page.locator("svg [data-mark]:not(.face--off)")).to_have_count(0)
    page.get_by_role("button", name="Show face 1").click()
    expect(page.locator("svg [data-mark='0']:not(.face--off)")).to_have_count(1)
    best = media.faces[0]["best_s"]
    page.wait_for_function(
        f"() => Math.abs(document.getElementById('review-video').currentTime - {best}) < 0.2"
    )
    shot(page, "phone-media-video-review")
    page.get_by_role("button", name=re.compile(r"^Face 1: blurred")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Face 1: kept unblurred"))).to_be_visible()
