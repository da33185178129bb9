from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rejection.community"
    label = "community"

    def ready(self) -> None:
        from rejection.accounts.backends import USER_ANNOTATIONS
        from rejection.accounts.screening import PUBLIC_TEXT_CHECKS
        from rejection.community.inbox import unread_subquery
        from rejection.community.screening import refuse_unkind

        # The bell's count rides on the signed-in user's one query: no query of its own.
        USER_ANNOTATIONS["unread_notifications"] = unread_subquery
        # Usernames and display names typed at sign-up pass the same check as a profile's.
        if refuse_unkind not in PUBLIC_TEXT_CHECKS:
            PUBLIC_TEXT_CHECKS.append(refuse_unkind)
