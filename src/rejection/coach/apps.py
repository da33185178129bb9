from django.apps import AppConfig
from django.db.models.signals import post_save


class CoachConfig(AppConfig):
    name = "rejection.coach"
    label = "coach"

    def ready(self) -> None:
        # Models are loaded only now, so the receiver's module is imported here.
        from rejection.challenges.models import Challenge
        from rejection.coach.receivers import rate_new_challenge

        post_save.connect(rate_new_challenge, sender=Challenge, dispatch_uid="coach-rates")
