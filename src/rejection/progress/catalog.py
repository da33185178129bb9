"""The programs every install offers (written by a data migration)."""

from typing import Any

PROGRAMS = [
    ("classic-30", "Classic 30", 30, "One no a day for 30 days: the original game.", 0),
    ("100-days", "100 Days", 100, "A hundred days of asking, one a day.", 1),
    ("custom", "Your own length", None, "Choose how many days, from 1 to 365.", 2),
]


def ensure_programs(program_model: Any) -> None:
    """Create or refresh the shipped programs (takes the model so migrations can pass theirs)."""
    for slug, name, length, description, position in PROGRAMS:
        program_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "length_days": length,
                "description": description,
                "position": position,
            },
        )
