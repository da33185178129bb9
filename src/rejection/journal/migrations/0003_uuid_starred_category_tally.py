import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_each_attempt_a_uuid(apps, schema_editor):
    Attempt = apps.get_model("journal", "Attempt")
    for attempt in Attempt.objects.filter(uuid__isnull=True).only("pk").iterator():
        Attempt.objects.filter(pk=attempt.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0002_idempotency_digest_outcome_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="attempt", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_each_attempt_a_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="attempt",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="attempt",
            name="starred",
            field=models.BooleanField(default=False, help_text="The user's highlight of the week."),
        ),
        migrations.CreateModel(
            name="CategoryTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category_slug", models.CharField(blank=True, max_length=40)),
                ("asks", models.PositiveIntegerField(default=0)),
                ("rejected", models.PositiveIntegerField(default=0)),
                ("no_response", models.PositiveIntegerField(default=0)),
                ("accepted", models.PositiveIntegerField(default=0)),
                ("partial", models.PositiveIntegerField(default=0)),
                ("pending", models.PositiveIntegerField(default=0)),
                ("avoided", models.PositiveIntegerField(default=0)),
                ("predicted_sum", models.PositiveIntegerField(default=0, help_text="Over completed asks only.")),
                ("predicted_count", models.PositiveIntegerField(default=0)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["category_slug"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "category_slug"), name="category_tally_one_per_user")
                ],
            },
        ),
    ]
