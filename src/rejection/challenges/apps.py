from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ChallengesConfig(AppConfig):
    name = "rejection.challenges"
    label = "challenges"

    def ready(self) -> None:
        from rejection.challenges.models import Category, Challenge
        from rejection.challenges.signals import deck_changed

        for model in (Challenge, Category):
            name = model.__name__.lower()
            post_save.connect(deck_changed, sender=model, dispatch_uid=f"deck-stamp-save-{name}")
            post_delete.connect(deck_changed, sender=model, dispatch_uid=f"deck-stamp-del-{name}")
