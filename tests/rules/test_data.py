"""Data ownership rules: complete export, lossless idempotent import, complete deletion."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from rejection.accounts.services import create_token, profile_for
from rejection.challenges.models import Challenge
from rejection.data.services import (
    COLUMNS,
    FORMAT,
    attempts_csv,
    export_user,
)
from rejection.journal.models import Attempt, CategoryTally, DayTally, IdempotencyKey
from rejection.practice.today import pick_today
from rejection.progress.models import DailyPick, Enrollment
from rejection.progress.services import take_rest_day
from tests.conftest import make_user
from tests.writes import (
    delete_account,
    document_problems,
    import_document,
    log_ask,
    refused_fields,
    start,
    write_challenge,
)

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=False):
        yield


def fill(user, deck_card, tag="x"):
    """Give a user one of everything: program, rest day, custom challenge, asks of each kind."""
    start(user, "classic-30", dt.date(2026, 3, 1))
    take_rest_day(user, dt.date(2026, 3, 5))
    mine = write_challenge(
        user, {"title": f"Mine {tag}", "category": deck_card.category.slug, "difficulty": 4}
    )
    log_ask(
        user,
        {"challenge_id": deck_card.pk, "outcome": "rejected", "anxiety_before": 7, "starred": True},
        idempotency_key=f"key-{tag}",
    )
    log_ask(
        user,
        {
            "challenge_id": mine.pk,
            "outcome": "accepted",
            "occurred_at": NOON - dt.timedelta(days=2, hours=13),
            "predicted_rejection": 80,
            "tags": ["work", "brave"],
            "feared_outcome": "They'd laugh",
            "what_happened": 'Line one,\nline "two"',
            "learned": "=1+1",
        },
    )
    log_ask(user, {"ask": "Free coffee", "outcome": "pending", "visibility": "friends"})
    log_ask(user, {"ask": "Upgrade", "outcome": "avoided", "occurred_at": NOON.replace(day=6)})
    pick_today(user, dt.date(2026, 3, 10))
    create_token(user, "phone")
    return mine


@pytest.fixture
def card(small_deck):
    return Challenge.objects.deck().select_related("category").first()


def journal(user):
    fields = (
        "uuid", "ask", "outcome", "occurred_at", "local_date", "anxiety_before", "anxiety_after",
        "predicted_rejection", "feared_outcome", "what_happened", "learned", "tags",
        "visibility", "starred", "points", "resolved_at", "created_at", "challenge__slug",
        "challenge__title",
    )  # fmt: skip
    rows = Attempt.objects.filter(user=user).order_by("occurred_at", "ask", "outcome")
    return list(rows.values_list(*fields))


def test_export_holds_everything_mine_and_nothing_else(owner, friend, card):
    fill(owner, card, "o")
    fill(friend, card, "f")
    document = export_user(owner)
    assert (document["format"], document["version"]) == (FORMAT, 1)
    assert document["profile"]["username"] == "owner"
    assert [e["program"] for e in document["enrollments"]] == ["classic-30"]
    assert [c["title"] for c in document["custom_challenges"]] == ["Mine o"]
    assert len(document["attempts"]) == 4
    refs = {a["outcome"]: a["challenge"] for a in document["attempts"]}
    assert refs["rejected"] == {"deck_slug": card.slug}
    assert refs["accepted"] == {"custom": document["custom_challenges"][0]["id"]}
    assert refs["pending"] is None
    assert document["rest_days"] == ["2026-03-05"]
    assert [t["name"] for t in document["tokens"]] == ["phone"]
    text = str(document)
    assert "Mine f" not in text and "digest" not in text
    mine = set(Attempt.objects.filter(user=owner).values_list("uuid", flat=True))
    assert {uuid.UUID(a["uuid"]) for a in document["attempts"]} == mine


def test_export_costs_the_same_with_more_asks(owner, card):
    fill(owner, card)

    def count():
        with CaptureQueriesContext(connection) as queries:
            export_user(owner)
            attempts_csv(owner)
        return len(queries)

    few = count()
    for hours in range(3, 40):
        log_ask(owner, {"challenge_id": card.pk, "outcome": "rejected"} | {
            "occurred_at": NOON - dt.timedelta(hours=hours)})  # fmt: skip
    assert count() == few


def test_csv_is_rfc4180_neutralised_and_parses_back(owner, card):
    fill(owner, card)
    log_ask(owner, {"ask": "@me, -5, +1", "outcome": "rejected", "learned": "a,b\r\nc"})
    text = attempts_csv(owner)
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 5
    by_ask = {row["ask"]: row for row in rows}
    assert by_ask["'@me, -5, +1"]["learned"] == "a,b\r\nc"
    accepted = next(row for row in rows if row["outcome"] == "accepted")
    assert accepted["what_happened"] == 'Line one,\nline "two"'
    assert accepted["learned"] == "'=1+1"
    assert accepted["tags"] == "work, brave"
    assert '"Line one,\nline ""two"""' in text  # quoted, quotes doubled


def test_import_twice_changes_nothing_the_second_time(owner, friend, card):
    fill(owner, card)
    document = export_user(owner)
    first = import_document(friend, document)
    assert first.as_dict() == {
        "attempts_created": 4,
        "attempts_skipped": 0,
        "custom_challenges_created": 1,
        "enrollments_created": 1,
        "rest_days_created": 1,
    }
    before = journal(friend), Challenge.objects.count(), Enrollment.objects.count()
    again = import_document(friend, copy.deepcopy(document))
    assert again.as_dict() == {
        "attempts_created": 0,
        "attempts_skipped": 4,
        "custom_challenges_created": 0,
        "enrollments_created": 0,
        "rest_days_created": 0,
    }
    assert (journal(friend), Challenge.objects.count(), Enrollment.objects.count()) == before


def test_import_never_takes_another_users_uuid(owner, friend, card):
    fill(owner, card)
    document = export_user(owner)
    import_document(friend, document)
    owners = set(Attempt.objects.filter(user=owner).values_list("uuid", flat=True))
    theirs = set(Attempt.objects.filter(user=friend).values_list("uuid", flat=True))
    assert len(theirs) == 4 and not owners & theirs
    # The owner's own journal is untouched, and importing into it again adds nothing.
    assert import_document(owner, document).attempts_skipped == 4
    assert Attempt.objects.filter(user=owner).count() == 4


def test_import_is_lossless_whatever_the_importers_time_zone(owner, card):
    fill(owner, card)
    document = export_user(owner)
    tokyo = make_user("tokyo", "Asia/Tokyo")
    document["profile"]["timezone"] = "Asia/Tokyo"  # even when the zone changes too
    import_document(tokyo, document)
    mine, theirs = journal(owner), journal(tokyo)
    assert [row[1:] for row in mine] == [row[1:] for row in theirs]
    assert not {row[0] for row in mine} & {row[0] for row in theirs}  # the owner keeps theirs
    late = Attempt.objects.get(user=tokyo, outcome="accepted")
    assert late.local_date == dt.date(2026, 3, 7)  # 23:00 in London, already the 8th in Tokyo
    assert late.challenge.author == tokyo and late.challenge.title == "Mine x"
    profile = profile_for(tokyo)
    assert (profile.points, profile.best_streak) == (11, profile_for(owner).best_streak)
    tallies = lambda user: list(  # noqa: E731
        DayTally.objects.filter(user=user).values_list("local_date", "asks", "points", "rest_day")
    )
    assert tallies(tokyo) == tallies(owner)
    categories = lambda user: list(  # noqa: E731
        CategoryTally.objects.filter(user=user).values_list("category_slug", "asks", "rejected")
    )
    assert categories(tokyo) == categories(owner)


def test_import_matches_existing_custom_challenges_and_programs(owner, friend, card):
    fill(owner, card)
    document = export_user(owner)
    write_challenge(friend, {"title": "Mine x", "category": card.category.slug, "difficulty": 4})
    start(friend, "classic-30", dt.date(2026, 3, 1))
    report = import_document(friend, document)
    assert (report.custom_challenges_created, report.enrollments_created) == (0, 0)
    assert Challenge.objects.filter(author=friend).count() == 1


def test_imported_active_program_does_not_replace_a_newer_one(owner, friend, card):
    fill(owner, card)
    start(friend, "100-days", dt.date(2026, 3, 9))
    import_document(friend, export_user(owner))
    active = Enrollment.objects.get(user=friend, active=True)
    assert active.program.slug == "100-days"
    assert Enrollment.objects.filter(user=friend).count() == 2


def test_deck_card_missing_here_keeps_the_ask_under_its_title(owner, friend, card):
    fill(owner, card)
    document = export_user(owner)
    for item in document["attempts"]:
        if item["challenge"] and "deck_slug" in item["challenge"]:
            item["challenge"] = {"deck_slug": "gone-from-this-deck"}
            item["ask"] = ""
    import_document(friend, document)
    kept = Attempt.objects.get(user=friend, outcome="rejected")
    assert kept.challenge is None and kept.ask == card.title


def _broken(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


BAD = [
    (lambda d: d.update(format="something-else"), "format"),
    (lambda d: d.update(version=2), "version"),
    (lambda d: d["attempts"][1].update(outcome="maybe"), "attempts[1].outcome"),
    (lambda d: d["attempts"][0].update(anxiety_before=11), "attempts[0].anxiety_before"),
    (lambda d: d["attempts"][0].update(uuid="nope"), "attempts[0].uuid"),
    (lambda d: d["attempts"][1].update(uuid=d["attempts"][0]["uuid"]), "attempts[1].uuid"),
    (lambda d: d["attempts"][2].update(local_date="2020-01-01"), "attempts[2].local_date"),
    (lambda d: d["attempts"][2].update(occurred_at="2099-01-01T00:00:00+00:00"),
     "attempts[2].occurred_at"),
    (lambda d: d["attempts"][0].update(challenge={"custom": 999}), "attempts[0].challenge"),
    (lambda d: d["attempts"][0].update(surprise=1), "attempts[0].surprise"),
    (lambda d: d["attempts"][3].pop("outcome"), "attempts[3].outcome"),
    (lambda d: d["attempts"].append("text"), "attempts[4]"),
    (lambda d: d["enrollments"][0].update(program="no-such"), "enrollments[0].program"),
    (lambda d: d["rest_days"].append("yesterday"), "rest_days[1]"),
    (lambda d: d["custom_challenges"][0].update(difficulty=12), "custom_challenges[0].difficulty"),
    (lambda d: d["profile"].update(timezone="Mars/Olympus"), "profile.timezone"),
    (lambda d: d.update(attempts={}), "attempts"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "path"), BAD)
def test_bad_documents_name_the_path_and_save_nothing(owner, friend, card, change, path):
    fill(owner, card)
    before = journal(friend), profile_for(friend).timezone, Challenge.objects.count()
    named = document_problems(friend, _broken(export_user(owner), change))
    assert path in named, named
    friend.refresh_from_db()
    friend.profile.refresh_from_db()
    assert (journal(friend), friend.profile.timezone, Challenge.objects.count()) == before


def test_not_a_document_at_all(friend):
    for document in (None, [], "text", 3):
        assert document_problems(friend, document) == {"__all__"}


def _user_fields():
    """Every (model, field) in the project that points at the user model."""
    User = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField)
                and field.related_model is User
            ):
                yield model, field


def _rows_of(user_id):
    counts = {
        f"{model._meta.label}.{field.name}": model._default_manager.filter(
            **{field.attname: user_id}
        ).count()
        for model, field in _user_fields()
    }
    counts["auth.User"] = get_user_model().objects.filter(pk=user_id).count()
    counts["sessions.Session"] = sum(
        str(s.get_decoded().get("_auth_user_id")) == str(user_id) for s in Session.objects.all()
    )
    return counts


def test_every_relation_to_a_user_is_deleted_with_them():
    """A model added later that keeps rows after its user is gone fails here."""
    # Who moderated a shared challenge is not the user's data: the author's approved
    # challenge stays when a moderator leaves, and the link to them is cleared.
    # The same holds for who reviewed a held text for safety, and who took a moderation action.
    cleared = {
        f"challenges.{model}.{field}"
        for model in ("Challenge", "SharedChallenge")
        for field in ("moderated_by", "safety_reviewed_by")
    } | {"community.ModerationAction.moderator"}  # the log outlives the moderator
    for model, field in _user_fields():
        label = f"{model._meta.label}.{field.name}"
        expected = models.SET_NULL if label in cleared else models.CASCADE
        assert field.remote_field.on_delete is expected, label


def test_deletion_removes_every_row_of_every_model(owner, friend, card, client):
    fill(owner, card)
    fill(friend, card, "f")
    client.force_login(owner)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=owner, email=owner.email, primary=True)
    from rejection.data.services import DB_SESSION_ENGINES

    assert settings.SESSION_ENGINE in DB_SESSION_ENGINES  # sessions kept in django_session
    before, theirs = _rows_of(owner.pk), _rows_of(friend.pk)
    for label in (
        "auth.User", "sessions.Session", "accounts.Profile.user", "accounts.ApiToken.user",
        "journal.Attempt.user", "journal.DayTally.user", "journal.CategoryTally.user",
        "journal.IdempotencyKey.user", "progress.Enrollment.user", "progress.DailyPick.user",
        "challenges.Challenge.author", "account.EmailAddress.user",
    ):  # fmt: skip
        assert before[label] > 0, label
    gone = owner.pk
    delete_account(owner, PASSWORD)
    assert {name: count for name, count in _rows_of(gone).items() if count} == {}
    assert _rows_of(friend.pk) == theirs
    assert IdempotencyKey.objects.filter(key="key-f").exists()
    assert DailyPick.objects.filter(user=friend).exists()


def test_wrong_password_keeps_everything(owner, card):
    fill(owner, card)
    before = _rows_of(owner.pk)
    for wrong in ("nope", "", None, PASSWORD.upper()):
        assert refused_fields(delete_account, owner, wrong) == {"password"}
    assert _rows_of(owner.pk) == before


def test_deleting_removes_the_users_files(owner, monkeypatch, django_capture_on_commit_callbacks):
    from rejection.data import services

    removed = []
    monkeypatch.setattr(services, "_stored_files", lambda collector: [("store", "a.png")])
    monkeypatch.setattr(services, "_remove_files", removed.extend)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(owner, PASSWORD)
    assert removed == [("store", "a.png")]


def test_stored_files_of_a_real_collection_are_found(owner, card):
    from django.db.models.deletion import Collector

    from rejection.data.services import _stored_files

    fill(owner, card)
    collector = Collector(using="default", origin=owner)
    collector.collect([owner])
    assert _stored_files(collector) == []  # no model keeps files yet; the walk still runs


# The demo account ---------------------------------------------------------------------

AFTER_DST = dt.datetime(2026, 4, 20, 12, tzinfo=dt.UTC)  # the window holds 29 March


def _seed(*extra):
    from django.core.management import call_command

    out = io.StringIO()
    with time_machine.travel(AFTER_DST, tick=False):
        call_command("seed_demo", "--password", "a long demo passphrase", *extra, stdout=out)
    return out.getvalue()


def _story(user):
    return list(
        Attempt.objects.filter(user=user)
        .order_by("occurred_at")
        .values_list("local_date", "outcome", "challenge__slug", "anxiety_before", "starred")
    )


def test_seed_demo_makes_sixty_varied_days(small_deck):
    import time

    from rejection.core.time import local_date

    began = time.monotonic()
    output = _seed("--seed", "7")
    assert time.monotonic() - began < 5
    assert "demo" in output and "a long demo passphrase" in output
    demo = get_user_model().objects.get(username="demo")
    tallies = DayTally.objects.filter(user=demo)
    days = sorted(tallies.values_list("local_date", flat=True))
    assert days[0] == dt.date(2026, 2, 20) and days[-1] == dt.date(2026, 4, 20)
    assert 45 <= len(days) <= 60
    assert tallies.filter(rest_day=True).count() == 3
    asks = Attempt.objects.filter(user=demo)
    outcomes = set(asks.values_list("outcome", flat=True))
    assert {"rejected", "accepted", "avoided", "pending"} <= outcomes
    assert asks.filter(outcome="pending").count() == 2
    assert 1 <= asks.filter(starred=True).count() <= 12
    assert CategoryTally.objects.filter(user=demo).count() >= 3
    assert Enrollment.objects.get(user=demo, active=True).program.slug == "100-days"
    for attempt in asks:  # across the change to summer time, every day is the local one
        assert attempt.local_date == local_date(attempt.occurred_at, "Europe/London")
    london = ZoneInfo("Europe/London")
    assert {a.occurred_at.astimezone(london).utcoffset().seconds for a in asks} == {0, 3600}
    assert all(8 <= a.occurred_at.astimezone(london).hour <= 21 for a in asks)
    early = [a.anxiety_before for a in asks if a.local_date < dt.date(2026, 3, 12)]
    late = [a.anxiety_before for a in asks if a.local_date > dt.date(2026, 3, 31)]
    assert sum(early) / len(early) > 5.5 > 4.5 > sum(late) / len(late)
    completed = asks.filter(outcome__in=["rejected", "no_response", "partial", "accepted"])
    nos = completed.filter(outcome__in=["rejected", "no_response"]).count()
    predicted = [a.predicted_rejection for a in completed]
    assert sum(predicted) / len(predicted) / 100 > nos / completed.count()
    profile = profile_for(demo)
    assert profile.points == sum(tallies.values_list("points", flat=True)) > 0
    assert profile.streak_on(dt.date(2026, 4, 20)) >= 7


def test_seed_demo_is_deterministic_and_resets(small_deck):
    _seed("--seed", "11")
    first = _story(get_user_model().objects.get(username="demo"))
    _seed("--seed", "11")
    assert get_user_model().objects.filter(username="demo").count() == 1
    demo = get_user_model().objects.get(username="demo")
    assert _story(demo) == first
    assert Attempt.objects.filter(user__username="demo").count() == len(first)


def test_seed_demo_refuses_a_staff_account_and_an_empty_deck(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="deck"):
        _seed()
    make_user("demo", is_staff=True)
    from rejection.challenges.deck import load_deck
    from tests.conftest import FIXTURES

    load_deck(FIXTURES / "deck.json")
    with pytest.raises(CommandError, match="staff"):
        _seed()


# Badges earned in a history written at once carry the day that history earned them ----


def test_seed_demo_dates_each_badge_on_the_day_its_history_earned_it(small_deck):
    from rejection.progress.models import Badge

    _seed("--seed", "7")
    demo = get_user_model().objects.get(username="demo")
    badges = {b.code: b for b in Badge.objects.filter(user=demo)}
    assert {"first_no", "streak_3"} <= badges.keys()
    days = sorted(
        DayTally.objects.filter(user=demo, rejected__gt=0).values_list("local_date", flat=True)
    )
    # Not all dated the day of seeding: the first no on the first day a no was logged.
    assert badges["first_no"].awarded_on == days[0] < dt.date(2026, 4, 20)
    assert len({b.awarded_on for b in badges.values()}) > 1
    for badge in badges.values():
        assert dt.date(2026, 2, 20) <= badge.awarded_on <= dt.date(2026, 4, 20)
        assert badge.awarded_at.astimezone(ZoneInfo("Europe/London")).date() == badge.awarded_on
    assert badges["streak_3"].awarded_on > badges["first_no"].awarded_on


def test_import_dates_new_badges_from_the_history_and_keeps_earlier_ones(owner, friend, card):
    from rejection.progress.models import Badge

    fill(owner, card)
    document = export_user(owner)
    with time_machine.travel(NOON + dt.timedelta(days=30), tick=False):
        import_document(friend, document)
    badges = dict(Badge.objects.filter(user=friend).values_list("code", "awarded_on"))
    # Imported a month later, each badge keeps the local day of the ask that earned it.
    yes = Attempt.objects.get(user=friend, outcome="accepted").local_date
    no = Attempt.objects.get(user=friend, outcome="rejected").local_date
    assert badges == {"first_yes": yes, "first_no": no}
    # Importing again into an account whose badges are held moves nothing.
    Badge.objects.filter(user=friend).update(awarded_on=dt.date(2026, 3, 31))
    import_document(friend, copy.deepcopy(document))
    assert set(Badge.objects.filter(user=friend).values_list("awarded_on", flat=True)) == {
        dt.date(2026, 3, 31)
    }


def test_replay_finds_the_first_day_of_each_milestone():
    from rejection.progress.earned import first_days

    def day(n, rejected=0, accepted=0, rest=False):
        return DayTally(
            local_date=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            rejected=rejected, accepted=accepted, rest_day=rest,
        )  # fmt: skip

    days = [day(0, accepted=1), day(2, rejected=1), day(3, rejected=2), day(4, rest=True),
            day(5, rejected=1), day(9, rejected=6)]  # fmt: skip
    found = first_days(days, "classic", first_hard=dt.date(2026, 1, 6))
    assert found == {
        "first_yes": dt.date(2026, 1, 1),
        "first_no": dt.date(2026, 1, 3),
        "streak_3": dt.date(2026, 1, 6),  # 3 and 4 count, 5 rests, 6 counts
        "big_ask": dt.date(2026, 1, 6),
        "nos_10": dt.date(2026, 1, 10),
    }
