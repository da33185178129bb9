"""The Progress charts: each with a title, a headline and a table alternative; empty states;
only the user's own figures; flat query counts; and SVG builders that always return
well-formed XML, whatever they are given."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rejection.challenges.models import Challenge
from rejection.web.charts import (
    Series,
    calendar_heatmap,
    column_chart,
    line_chart,
    paired_bars,
    stacked_bars,
    streak_strip,
)
from tests.conftest import bearer, make_user
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
CHART_TITLES = [
    "Expected chance of a no against what happened",
    "Nerves before and after each ask, 0 to 10",
    "Share of answered asks that got a yes, per week",
    "What happened, by kind of ask",
    "Asks per day",
    "Streak runs",
]
TABLE_CAPTIONS = [
    "Expected and real chance of a no",
    "Nerves per day, 0 to 10 (daily averages and 7-day averages)",
    "Asks and yes rate per week",
    "Asks by kind and outcome",
    "Days with asks or rest",
    "Streak runs",
]


def _grow(user, count: int, start: int = 0) -> None:
    cards = list(Challenge.objects.deck())
    for n in range(start, start + count):
        make_attempt(
            user,
            ["rejected", "accepted", "no_response", "partial", "avoided"][n % 5],
            days_ago=n % 150,
            challenge_id=cards[n % len(cards)].pk if n % 3 else None,
            anxiety_before=8 - n % 5,
            anxiety_after=3,
            predicted_rejection=80,
        )


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg xmlns=.*?</svg>", html, re.S)]


def test_each_chart_has_a_title_a_description_and_a_table(owner_client, owner, small_deck):
    _grow(owner, 12)
    html = owner_client.get(reverse("progress")).content.decode()
    charts = _svgs(html)
    assert [chart.find(f"{SVG}title").text for chart in charts] == CHART_TITLES
    for chart in charts:
        assert chart.get("role") == "img" and chart.get("viewBox", "").startswith("0 0 360 ")
        assert chart.find(f"{SVG}desc").text
        title, desc = chart.get("aria-labelledby").split()
        assert chart.find(f"{SVG}title").get("id") == title
        assert chart.find(f"{SVG}desc").get("id") == desc
    assert html.count("<summary>Show as a table</summary>") == len(TABLE_CAPTIONS)
    for caption in TABLE_CAPTIONS:
        assert f'-table-caption">{caption}</p>' in html
    assert "{# milestones #}" not in html  # a template comment, never shown
    assert "style=" not in html


def test_headlines_in_plain_words(owner_client, owner, small_deck):
    make_attempt(owner, "rejected", days_ago=10, anxiety_before=8, predicted_rejection=80)
    make_attempt(owner, "accepted", days_ago=9, anxiety_before=6, predicted_rejection=80)
    make_attempt(owner, "accepted", days_ago=1, anxiety_before=4, predicted_rejection=80)
    make_attempt(owner, "accepted", days_ago=0, anxiety_before=2, predicted_rejection=80)
    html = owner_client.get(reverse("progress")).content.decode()
    assert "You expected a no 80% of the time; you got one 25% of the time." in html
    # A newer person's sentences and charts cover their own first days, not 26 weeks.
    nerves = "Your nerves before an ask went from 8.0 to 3.0 on average over your first 11 days."
    assert nerves in html
    assert "people said yes (or partly yes) to 3 of your 4 answered asks (75%)." in html
    assert "You asked on 4 of the 11 days since you began" in html
    assert "these 26 weeks" not in html
    assert "All 4 asks so far are in Your own words." in html
    assert "The biggest surprise: Your own words" in html


def test_someone_older_than_the_window_sees_the_whole_window(owner_client, owner):
    make_attempt(owner, "rejected", days_ago=300, anxiety_before=8)
    make_attempt(owner, "rejected", days_ago=100, anxiety_before=6)
    make_attempt(owner, "accepted", days_ago=1, anxiety_before=4)
    html = owner_client.get(reverse("progress")).content.decode()
    assert "over these 26 weeks" in html and "You asked on 2 of the last" in html


def test_nerves_going_up_is_never_shamed(owner_client, owner):
    make_attempt(owner, "rejected", days_ago=20, anxiety_before=2)
    make_attempt(owner, "rejected", days_ago=0, anxiety_before=7)
    html = owner_client.get(reverse("progress")).content.decode()
    assert "went from 2.0 to 7.0 on average" in html
    assert "Bigger asks can feel that way, and every one still counts." in html


def test_new_user_sees_a_kind_empty_state(owner_client):
    html = owner_client.get(reverse("progress")).content.decode()
    assert "once you log your first ask" in html
    assert "<svg xmlns" not in html


def test_asks_without_ratings_or_answers(owner_client, owner):
    make_attempt(owner, "pending")
    make_attempt(owner, "avoided", days_ago=3)
    html = owner_client.get(reverse("progress")).content.decode()
    titles = [chart.find(f"{SVG}title").text for chart in _svgs(html)]
    assert titles == ["What happened, by kind of ask", "Asks per day"]
    assert "Once your asks get answers, you&#x27;ll see here how often people say yes." in html
    assert "A run starts on any day that holds a no." in html
    assert "Rate your nerves before and after an ask" in html


def test_only_the_users_own_figures(client, owner, friend, small_deck):
    food = Challenge.objects.deck().filter(category__slug="food-drink").first()
    make_attempt(friend, "rejected", challenge_id=food.pk, anxiety_before=9)
    make_attempt(owner, "accepted", anxiety_before=3)
    client.force_login(owner)
    html = client.get(reverse("progress")).content.decode()
    assert "Food and drink" not in html and "9.0" not in html
    assert "Your own words" in html


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("progress"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _count(client, url: str, **headers) -> int:
    client.get(url, headers=headers)  # warm up: token last-used, sessions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_history(client, small_deck):
    counts = []
    for size in (5, 60):
        user = make_user(f"grower{size}", "Europe/Paris")
        _grow(user, size)
        client.force_login(user)
        page = _count(client, reverse("progress"))
        api = _count(client, "/api/v1/insights", **bearer(user))
        counts.append((page, api))
    assert counts[0] == counts[1], counts
    assert counts[0][1] <= 12  # auth and rate limit, then stats and three tally reads


# The builders, given anything: they never raise and always return well-formed SVG.

labels = st.text(max_size=60)
values = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**9), max_value=10**9),
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _well_formed(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


@FAST
@given(
    title=labels,
    start=dates,
    length=st.integers(0, 800),
    series=st.lists(
        st.tuples(
            labels,
            labels,
            st.lists(st.tuples(st.integers(-10, 900), values), max_size=40),
            st.sampled_from(["line", "dots"]),
        ),
        max_size=4,
    ),
)
@example(title="", start=dt.date(2026, 1, 1), length=0, series=[])
@example(
    title="zero", start=dt.date(2026, 1, 1), length=7, series=[("a", "b", [(0, 0)] * 7, "line")]
)
def test_line_chart_is_well_formed(title, start, length, series):
    days = [start + dt.timedelta(days=n) for n in range(length) if start.year < 2100]
    chosen = [Series(label, css, points, kind) for label, css, points, kind in series]
    _well_formed(line_chart("nerves", title, title, days, chosen))


@FAST
@given(
    title=labels,
    columns=st.lists(values, max_size=110),
    ticks=st.lists(st.tuples(st.integers(-5, 120), labels), max_size=10),
    y_max=values,
)
@example(title="empty", columns=[], ticks=[], y_max=100)
@example(title="zeros", columns=[0.0] * 26, ticks=[], y_max=0)
def test_column_chart_is_well_formed(title, columns, ticks, y_max):
    _well_formed(column_chart("weekly", title, "desc", columns, ticks, y_max=y_max or 100))


@FAST
@given(
    rows=st.lists(st.tuples(labels, values, values), max_size=15),
    keys=st.tuples(st.tuples(labels, labels), st.tuples(labels, labels)),
)
@example(rows=[], keys=(("a", "b"), ("c", "d")))
@example(rows=[("All", 0, 0)], keys=(("a", "b"), ("c", "d")))
def test_paired_bars_are_well_formed(rows, keys):
    _well_formed(paired_bars("expected", "Expected", "<&>", rows, keys))


@FAST
@given(
    rows=st.lists(st.tuples(labels, st.lists(values, max_size=8)), max_size=15),
    keys=st.lists(st.tuples(labels, labels), max_size=8),
)
@example(rows=[], keys=[])
@example(rows=[("zero", [0, 0, 0])], keys=[("a", "a"), ("b", "b"), ("c", "c")])
def test_stacked_bars_are_well_formed(rows, keys):
    _well_formed(stacked_bars("categories", '"quoted"', "desc", rows, keys))


@FAST
@given(days=st.lists(st.tuples(dates, st.integers(-5, 10**6), st.booleans()), max_size=200))
@example(days=[])
@example(days=[(dt.date(2026, 3, 1) + dt.timedelta(days=n), 0, False) for n in range(182)])
def test_calendar_heatmap_is_well_formed(days):
    _well_formed(calendar_heatmap("calendar", "Asks per day", "desc", days))


@FAST
@given(
    start=dates,
    end=dates,
    runs=st.lists(
        st.tuples(dates, dates, st.integers(0, 10**6), st.lists(dates, max_size=5)), max_size=30
    ),
)
@example(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1), runs=[])
def test_streak_strip_is_well_formed(start, end, runs):
    _well_formed(streak_strip("streaks", "Streak runs", "desc", start, end, runs))


def test_text_is_escaped_and_cleaned():
    markup = paired_bars("x", "<script>&\x00\x1f", "a'b\"c", [("<b>\ud800", 0.5, None)])
    root = _well_formed(markup)
    assert root.find(f"{SVG}title").text == "<script>&"
    assert "<script>" not in markup and "<b>" not in markup


def test_progress_opens_on_a_summary_with_jump_links_and_weeks_as_dates(owner_client, owner):
    make_attempt(owner, "rejected", days_ago=2, anxiety_before=7, predicted_rejection=80)
    html = owner_client.get(reverse("progress")).content.decode()
    summary, nav = html.index("At a glance"), html.index('aria-label="Progress sections"')
    assert summary < nav < html.index('id="outcomes-title"') < html.index("<svg xmlns")
    for key in ("outcomes", "predict", "nerves", "weekly", "categories", "calendar", "streaks"):
        assert f'href="#{key}-title"' in html and f'id="{key}-title"' in html
    # Tuesday 10 March 2026: this week runs from Monday 9 to Sunday 15 March.
    assert "This week's summary, 9 Mar \u2013 15 Mar" in html
    assert not re.search(r"\d{4}-W\d\d", re.sub(r'href="[^"]*"', "", html))
    assert "Charts start on your first day, 8 Mar 2026." in html


def test_a_new_person_sees_an_example_of_what_will_appear(owner_client):
    html = owner_client.get(reverse("progress")).content.decode()
    assert "What you'll see here" in html and "(an example)" in html
    assert "You expected a no 70% of the time; you got one 30% of the time.\u201d" in html
