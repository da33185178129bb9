"""Ship the three programs every install offers."""

from django.db import migrations

PROGRAMS = [
    ("classic-30", "Classic 30", 30, "One no a day for 30 days: the original game.", 0),
    ("100-days", "100 Days", 100, "A hundred days of asking, one a day.", 1),
    ("custom", "Your own length", None, "Choose how many days, from 1 to 365.", 2),
]


def add_programs(apps, schema_editor):
    Program = apps.get_model("progress", "Program")
    for slug, name, length, description, position in PROGRAMS:
        Program.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "length_days": length, "description": description, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_initial")]
    operations = [migrations.RunPython(add_programs, migrations.RunPython.noop)]
