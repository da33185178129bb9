from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rejection.community"
    label = "community"

    def ready(self) -> None:
        from rejection.accounts.backends import USER_ANNOTATIONS
        from rejection.community.inbox import unread_subquery

        # The bell's count rides on the signed-in user's one query: no query of its own.
        USER_ANNOTATIONS["unread_notifications"] = unread_subquery
