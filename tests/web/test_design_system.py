"""The design system: vendored icons behind one tag, and a dark theme for every colour token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from rejection.web.templatetags.ui import ICONS

CSS = Path(ICONS).parents[2] / "css" / "app.css"


def _block(css: str, selector: str) -> str:
    start = css.index(selector)
    return css[css.index("{", start) + 1 : css.index("}", start)]


def _names(block: str) -> set[str]:
    return set(re.findall(r"(--[\w-]+):", block))


def test_icons_are_vendored_with_their_licence() -> None:
    lucide = Path(ICONS).parent
    assert "ISC License" in (lucide / "LICENSE").read_text()
    assert "lucide-static" in (lucide / "README.md").read_text()
    assert len(list(Path(ICONS).glob("*.svg"))) >= 50


def test_icon_tag_inlines_a_decorative_svg() -> None:
    html = Template('{% icon "moon" %}').render(Context())
    assert html.startswith('<svg class="icon icon--moon" aria-hidden="true" focusable="false"')
    assert 'stroke="currentColor"' in html and "<path" in html and "<!--" not in html


def test_icon_tag_with_a_label_is_an_image() -> None:
    html = Template('{% icon "trophy" label="Milestone" size=32 %}').render(Context())
    assert 'role="img" aria-label="Milestone"' in html and 'width="32"' in html


@pytest.mark.parametrize("name", ["no-such-icon", "../../settings"])
def test_unknown_icons_fail_loudly(name: str) -> None:
    with pytest.raises(TemplateSyntaxError):
        Template(f'{{% icon "{name}" %}}').render(Context())


def test_dark_theme_sets_every_colour_token_twice() -> None:
    css = CSS.read_text()
    light = _names(_block(css, ":root {"))
    colours = {n for n in light if not n.startswith(("--text-", "--space-", "--radius", "--max"))}
    colours -= {"--tap", "--tabs-h"}
    device = _names(_block(css, ':root:not([data-theme="light"])'))
    chosen = _names(_block(css, ':root[data-theme="dark"]'))
    assert colours == device == chosen


def test_every_outcome_has_a_colour_pair() -> None:
    from rejection.journal.models import Outcome

    css = CSS.read_text()
    for outcome in Outcome.values:
        assert f"--o-{outcome}:" in css and f"--o-{outcome}-soft:" in css
        assert f".pill--{outcome}" in css and f".badge--{outcome}" in css
