"""Badges: milestones each user reached, once each."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_uuid_starred_category_tally"),
        ("progress", "0002_programs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Badge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                (
                    "awarded_on",
                    models.DateField(help_text="The user's local day when it was earned."),
                ),
                ("awarded_at", models.DateTimeField()),
                ("reason_id", models.PositiveBigIntegerField(blank=True, null=True)),
                (
                    "reason_attempt",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="journal.attempt",
                    ),
                ),
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
                "ordering": ["awarded_at", "id"],
                "indexes": [models.Index(fields=["user", "reason_id"], name="badge_user_reason")],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "code"), name="badge_one_per_user_code")
                ],
            },
        ),
    ]
