"""Forms that parse what the pages post into the apps' contracts.

A form reads text into types (a number, a time in the person's zone, a list of tags) and
draws each field's limits from its contract, so an input's maxlength or max is the rule
itself; the contract then checks every rule (see web.contracts).
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.models import StreakMode
from rejection.accounts.widgets import ZoneSelect
from rejection.challenges.contracts import NewChallenge
from rejection.challenges.models import Category
from rejection.coach.areas import AREAS, area_of
from rejection.core.contracts import rule_of
from rejection.journal.contracts import AskFields
from rejection.journal.models import Outcome, Visibility
from rejection.progress.contracts import ProgramStart
from rejection.progress.models import Program
from rejection.web.category_cache import category_choices

NUMBER = {"inputmode": "numeric"}


class WhenField(forms.DateTimeField):
    """A datetime-local input, read in the active (the user's) time zone, to the minute."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            value = self.to_python(data)
        except ValidationError:
            return True
        if initial is None or value is None:
            return initial != value
        return initial.replace(second=0, microsecond=0) != value.replace(second=0, microsecond=0)


class ChipSelect(forms.RadioSelect):
    """A row of big numbered chips, one tap each; none chosen means "not given".

    Honest where a slider is not: an untouched slider still sends its middle value. A value
    saved off the chips' steps (35% from the API) is shown as one more chip, so an edit
    never drops it.
    """

    template_name = "web/_chips.html"

    def __init__(self, top: int, step: int, unit: str = "") -> None:
        self.unit = unit
        chips = [(value, f"{value}{unit}") for value in range(0, top + 1, step)]
        super().__init__(choices=[*chips, ("", "skip")])

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        given = str(value) if value not in (None, "") else ""
        if given.isdigit() and given not in {str(v) for v, _ in self.choices}:
            *chips, blank = self.choices
            chips = sorted([*chips, (int(given), f"{given}{self.unit}")])
            self.choices = [*chips, blank]
        return super().get_context(name, value, attrs)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        # The project's templates, not the form renderer's (which sees only app folders).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


def _scale(
    model: Any, name: str, label: str, help_text: str, step: int = 1, unit: str = ""
) -> forms.IntegerField:
    """A whole number in the contract's range, chosen with a row of chips."""
    rule = rule_of(model, name)
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=rule.low,
        max_value=rule.high,
        help_text=help_text,
        widget=ChipSelect(rule.high, step, unit),
    )


def _text(model: Any, name: str, label: str, help_text: str = "", **kwargs: Any) -> forms.CharField:
    """A text input whose length limit is the contract's."""
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label, max_length=rule_of(model, name).max_length, help_text=help_text, **kwargs
    )


def _notes(name: str, label: str) -> forms.CharField:
    return _text(AskFields, name, label, widget=forms.Textarea(attrs={"rows": 3}))


def split_tags(raw: str) -> list[str]:
    """Read "coffee, #strangers" as the list of tags a contract takes."""
    return [tag for tag in (part.strip() for part in (raw or "").split(",")) if tag]


# What a person reads when choosing who sees an ask (the model's words are the API's).
SHARING_CHOICES = [
    (Visibility.PRIVATE.value, "Only me"),
    (Visibility.FRIENDS.value, "My friends"),
    (Visibility.PUBLIC.value, "Everyone (needs a public profile)"),
]
SHARE_TICKS = ("share_feared", "share_happened", "share_learned", "share_anxiety")


class AttemptForm(forms.Form):
    """Every field of an ask; the first screen needs only the ask and the outcome."""

    challenge = forms.IntegerField(required=False, widget=forms.HiddenInput)
    ask = _text(AskFields, "ask", "What did you ask for?")
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how it went."},
    )
    anxiety_before = _scale(
        AskFields, "anxiety_before", "Nerves before", "0 is calm, 10 is the most nervous you get."
    )
    anxiety_after = _scale(
        AskFields, "anxiety_after", "Nerves after", "Same scale, once it was over."
    )
    predicted_rejection = _scale(
        AskFields,
        "predicted_rejection",
        "Chance of a no you expected",
        "0% means sure of a yes, 100% sure of a no.",
        step=10,
        unit="%",
    )
    feared_outcome = _notes("feared_outcome", "What I feared would happen")
    what_happened = _notes("what_happened", "What actually happened")
    learned = _notes("learned", "What I learned")
    tags = forms.CharField(
        required=False, max_length=500, help_text="Separate with commas, e.g. coffee, strangers."
    )
    occurred_at = WhenField(label="When", required=False, help_text="In your own time zone.")
    visibility = forms.ChoiceField(
        label="Who sees this",
        choices=SHARING_CHOICES,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text="Only you, unless you choose otherwise.",
    )
    share_feared = forms.BooleanField(label="Show what I feared", required=False)
    share_happened = forms.BooleanField(label="Show what happened", required=False)
    share_learned = forms.BooleanField(label="Show what I learned", required=False)
    share_anxiety = forms.BooleanField(label="Show my nerves before and after", required=False)

    def ask_fields(self, *, with_when: bool = True) -> dict[str, Any]:
        """Return the cleaned values under the contract's field names (NewAsk, AskChanges)."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "challenge_id": data.get("challenge"),
            "ask": data.get("ask", ""),
            "outcome": data["outcome"],
            "tags": split_tags(data.get("tags", "")),
            "visibility": data.get("visibility") or Visibility.PRIVATE,
        }
        for name in ("anxiety_before", "anxiety_after", "predicted_rejection"):
            values[name] = data.get(name)
        for name in ("feared_outcome", "what_happened", "learned"):
            values[name] = data.get(name, "")
        for name in SHARE_TICKS:
            values[name] = bool(data.get(name))
        if with_when and data.get("occurred_at") is not None:
            values["occurred_at"] = data["occurred_at"]
        return values


class LogForm(AttemptForm):
    # A fresh key each time the form is drawn: a double tap or a retry on a bad
    # connection sends the same key, and the service saves the ask once.
    idempotency_key = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


# Every outcome but "pending" and "in_progress": the answers that settle an open ask.
RESOLVE_CHOICES = [
    (value, label)
    for value, label in Outcome.choices
    if value not in (Outcome.PENDING, Outcome.IN_PROGRESS)
]


class StartForm(forms.Form):
    """ "I'm about to ask": the card, nerves now and the chance of a no, before the answer."""

    challenge = forms.IntegerField(required=False, widget=forms.HiddenInput)
    ask = forms.CharField(required=False, widget=forms.HiddenInput)
    outcome = forms.CharField(initial=Outcome.IN_PROGRESS, widget=forms.HiddenInput)
    visibility = forms.CharField(initial=Visibility.PRIVATE, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    anxiety_before = _scale(
        AskFields, "anxiety_before", "Nerves now", "0 is calm, 10 the most nervous you get."
    )
    predicted_rejection = _scale(
        AskFields,
        "predicted_rejection",
        "Chance they say no",
        "Your honest guess; you'll check it against what happens.",
        step=10,
        unit="%",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


# The outcomes that finish an ask in progress: any but in progress itself.
FINISH_CHOICES = [(v, label) for v, label in Outcome.choices if v != Outcome.IN_PROGRESS]


class FinishForm(forms.Form):
    """ "How did it go?": the outcome and the nerves after, on one screen."""

    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=FINISH_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how it went."},
    )
    anxiety_after = _scale(AskFields, "anxiety_after", "Nerves now", "0 is calm, 10 the most.")


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=RESOLVE_CHOICES,
        error_messages={"required": "Say what the answer was."},
    )


def _category_groups(empty: str) -> list[tuple[str, Any]]:
    """The deck's categories grouped under the intake's areas: one vocabulary, shown as one."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for slug, name in Category.objects.values_list("slug", "name"):
        groups.setdefault(area_of(slug), []).append((slug, name))
    return [("", empty), *((AREAS[area], groups[area]) for area in AREAS if area in groups)]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    """Fill in a ChoiceField's choices from the database when the form is made."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a ChoiceField.")
    field.choices = choices


class QuickSelect(forms.Select):
    """A select with the markup of Django's own, drawn in Python.

    Django draws every <option> through a template of its own, which made the two
    selects most of the cost of the journal's filter form. Flat choices only.
    """

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        chosen = self.format_value(value)
        # One option at most is selected, the first that matches, as in Django's select.
        first = next((str(choice) for choice, _ in self.choices if str(choice) in chosen), None)
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) == first else "", label)
                for choice, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            _html_attrs(self.build_attrs(self.attrs, attrs)),
            options,
        )


def _html_attrs(attrs: dict[str, Any]) -> SafeString:
    """Write attributes in order as Django's attrs.html does: True bare, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class JournalFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *Outcome.choices], widget=QuickSelect
    )
    category = forms.ChoiceField(required=False, widget=QuickSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "category", [("", "Any category"), *category_choices()])
        # "from" and "to" are the query-string names, which Python cannot declare.
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date)

    def selects(self) -> list[forms.BoundField]:
        return [self["outcome"], self["category"]]

    def days(self) -> list[forms.BoundField]:
        return [self["from"], self["to"]]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", "Choose a day on or after the From day.")
        return data


class DeckFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    category = forms.ChoiceField(required=False)
    min = forms.IntegerField(
        label="Easiest", required=False, min_value=1, max_value=10, widget=forms.NumberInput(NUMBER)
    )
    max = forms.IntegerField(
        label="Hardest", required=False, min_value=1, max_value=10, widget=forms.NumberInput(NUMBER)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "category", _category_groups("Every category"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("min"), data.get("max")
        if low and high and low > high:
            self.add_error("max", "Choose a hardest level at or above the easiest.")
        return data


class ChallengeForm(forms.Form):
    title = _text(
        NewChallenge, "title", "Title", "A few words, e.g. Ask for a free refill.", required=True
    )
    script = _text(NewChallenge, "script", "What to say", widget=forms.Textarea(attrs={"rows": 3}))
    where = _text(NewChallenge, "where", "Where")
    category = forms.ChoiceField()
    difficulty = forms.IntegerField(
        min_value=rule_of(NewChallenge, "difficulty").low,
        max_value=rule_of(NewChallenge, "difficulty").high,
        initial=3,
        help_text="1 is a gentle start, 10 the scariest.",
        widget=forms.NumberInput(NUMBER),
    )
    tags = forms.CharField(required=False, max_length=500, help_text="Separate with commas.")
    why = _text(NewChallenge, "why", "Why it helps", widget=forms.Textarea(attrs={"rows": 2}))
    safety = _text(
        NewChallenge,
        "safety",
        "Safety and consent",
        "Ask, never pressure; accept the first no.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answer_later = forms.BooleanField(
        label="The answer may come later (an e-mail or message)", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "category", _category_groups("Choose a category"))


class ProgramForm(forms.Form):
    program = forms.ChoiceField(error_messages={"required": "Choose a program."})
    length_days = forms.IntegerField(
        label="How many days",
        required=False,
        min_value=1,
        max_value=rule_of(ProgramStart, "length_days").high,
        widget=forms.NumberInput(NUMBER),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "program", list(Program.objects.values_list("slug", "name")))


class ProfileForm(forms.Form):
    display_name = _text(ProfileChanges, "display_name", "Display name", "What friends will see.")
    timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="Your day starts at midnight here. Pick the city nearest you.",
        widget=ZoneSelect(),
    )
    streak_mode = forms.ChoiceField(
        label="Streak mode", choices=StreakMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.initial.get("timezone") or ""
        self.fields["timezone"].widget = ZoneSelect(keep=current)


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        initial="API token",
        help_text="Where you will use it, e.g. Shortcuts on my phone.",
    )
