"""Plain dicts for the response schemas, built from models and read models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rejection.practice.today import Today
from rejection.progress.models import Enrollment
from rejection.progress.queries import profile_summary


def me(user: Any) -> dict[str, Any]:
    profile = user.profile
    return {
        **profile_summary(user),
        "bio": profile.bio,
        "public_profile": profile.public_profile,
        "adult_confirmed": profile.adult_confirmed_at is not None,
    }


def program_ref(enrollment: Enrollment) -> dict[str, Any]:
    program = enrollment.program
    return {"slug": program.slug, "name": program.name, "length_days": enrollment.length_days}


def enrollment(item: Enrollment, today: dt.date) -> dict[str, Any]:
    return {
        "program": program_ref(item),
        "length_days": item.length_days,
        "start_date": item.start_date,
        "day_number": item.day_number(today),
    }


def today(view: Today) -> dict[str, Any]:
    return {
        "date": view.date,
        "day_number": view.day_number,
        "program": program_ref(view.enrollment) if view.enrollment else None,
        "program_finished": view.program_finished,
        "challenge": view.challenge,
        "why": view.why,
        "done_today": view.done_today,
        "asks_today": view.asks_today,
        "rest_today": view.rest_today,
        "current_streak": view.current_streak,
        "best_streak": view.best_streak,
        "points": view.points,
        "rerolls_left": view.rerolls_left,
        "freezes_left": view.rest_days_left,
    }
