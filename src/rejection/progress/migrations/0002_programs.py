"""Ship the three programs every install offers."""

from django.db import migrations

from rejection.progress.catalog import ensure_programs


def add_programs(apps, schema_editor):
    ensure_programs(apps.get_model("progress", "Program"))


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_initial")]
    operations = [migrations.RunPython(add_programs, migrations.RunPython.noop)]
