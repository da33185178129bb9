"""Static URLs from the manifest, worked out once per process (core.static), and the build's
fingerprint in every cached key (core.release)."""

from __future__ import annotations

import json

from whitenoise.storage import CompressedManifestStaticFilesStorage

from rejection.core.static import ManifestStaticFilesStorage


def test_the_kept_url_is_whitenoises_and_is_worked_out_once(tmp_path, settings) -> None:
    settings.DEBUG = False
    manifest = {"paths": {"css/app.css": "css/app.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    ours = ManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")
    for name in ("css/app.css", "css/app.css?v=2#top", "icons/"):
        assert ours.url(name) == ours.url(name) == theirs.url(name)
    assert ours.url("css/app.css") == "/static/css/app.0123abcd.css"
    assert "css/app.css" in ours._urls  # the second call read the table


def test_a_new_build_asks_for_new_keys(tmp_path, monkeypatch) -> None:
    from rejection.core import release as build
    from rejection.core.caching import versioned_key

    monkeypatch.setattr(build, "PACKAGE", tmp_path)
    (tmp_path / "page.html").write_text("<p>{{ figure }}</p>")
    build.release.cache_clear()
    before = build.release()
    assert before in versioned_key("today-page", 1, 5)
    (tmp_path / "page.html").write_text("<p class=new>{{ figure }}</p>")  # the next deploy
    build.release.cache_clear()
    try:
        assert build.release() != before
    finally:
        build.release.cache_clear()
