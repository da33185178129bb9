from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rejection.accounts"
    label = "accounts"

    def ready(self) -> None:
        from rejection.accounts import signals  # noqa: F401
