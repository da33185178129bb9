"""Form widgets the account forms share with the Settings page (no allauth import here:
allauth loads accounts.forms itself, so web.forms must not import that module)."""

from __future__ import annotations

from typing import Any

from django import forms

from rejection.core.time import zone_choices


class ZoneSelect(forms.Select):
    """The IANA zones as a list grouped by region (app.js adds a search box and picks the
    device's zone when none was chosen yet); a saved alias stays selectable."""

    def __init__(self, keep: str = "") -> None:
        choices: list[Any] = list(zone_choices())
        if keep and keep not in {name for _, zones in choices for name, _ in zones}:
            choices.insert(0, (keep, keep))
        super().__init__(attrs={"class": "js-zone-select", "autocomplete": "off"}, choices=choices)
