"""The HTML pages. Names are used by get_absolute_url and templates, never raw paths."""

from django.urls import path

from rejection.web.views import (
    account,
    attempts,
    data,
    deck,
    journal,
    pages,
    progress,
    share,
    summary,
    today,
)

urlpatterns = [
    path("", pages.landing, name="landing"),
    path("today/", today.today, name="today"),
    path("today/reroll/", today.reroll, name="today_reroll"),
    path("today/rest/", today.rest_day, name="today_rest"),
    path("programs/", today.programs, name="programs"),
    path("log/", attempts.log, name="log_attempt"),
    path("journal/", journal.journal, name="journal"),
    path("journal/<int:pk>/", attempts.detail, name="attempt_detail"),
    path("journal/<int:pk>/edit/", attempts.edit, name="attempt_edit"),
    path("journal/<int:pk>/resolve/", attempts.resolve, name="attempt_resolve"),
    path("journal/<int:pk>/delete/", attempts.delete, name="attempt_delete"),
    path("journal/<int:pk>/star/", summary.star, name="attempt_star"),
    path("journal/<int:pk>/share/", share.share, name="attempt_share"),
    path("journal/<int:pk>/card/<slug:size>.png", share.card, name="attempt_card"),
    path("deck/", deck.deck, name="deck"),
    path("deck/new/", deck.challenge_new, name="challenge_new"),
    path("deck/<int:pk>/", deck.challenge_detail, name="challenge_detail"),
    path("progress/", progress.progress, name="progress"),
    path("progress/week/", summary.week_summary, name="week_summary"),
    path("progress/week/<str:week>/", summary.week_summary, name="week_summary_for"),
    path("settings/", account.settings_page, name="settings"),
    path("settings/tokens/new/", account.token_create, name="token_create"),
    path("settings/tokens/<int:pk>/revoke/", account.token_revoke, name="token_revoke"),
    path("settings/data/", data.data, name="data"),
    path("settings/data/export.json", data.export_json, name="data_export_json"),
    path("settings/data/attempts.csv", data.export_csv, name="data_export_csv"),
    path("settings/delete/", data.delete_account, name="delete_account"),
]
