"""Reminder messages: the words, the e-mail (text and HTML) and the one-click unsubscribe.

The unsubscribe link is signed with the person's id, so it works without signing in;
`List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058) let a mail client do it in one
click. Links use SITE_URL, the server's public address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.auth.models import User

UNSUBSCRIBE_SALT = "rejection.reminders.unsubscribe"


@dataclass(frozen=True)
class Message:
    kind: str
    subject: str
    lead: str
    challenge: str

    def push_payload(self) -> dict[str, object]:
        body = self.challenge or self.lead
        return {"kind": self.kind, "title": self.subject, "body": body, "url": reverse("today")}


def message_for(kind: str, challenge: str) -> Message:
    """Say the reminder warmly: an invitation, never a scolding."""
    if kind == "nudge":
        return Message(
            kind,
            "Your streak is still yours tonight",
            "There is still time for one small ask today. A no counts just as much as a yes.",
            "",
        )
    return Message(
        kind,
        "Today's ask is ready when you are",
        "One small ask today. Whatever the answer, asking is the practice.",
        challenge,
    )


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_from(token: str) -> int | None:
    """Return the person an unsubscribe token names, or None for a forged one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def absolute(path: str) -> str:
    return str(settings.SITE_URL) + path


def send_reminder(user: User, address: str, message: Message) -> None:
    """Send one reminder e-mail, text and HTML, with a one-click unsubscribe."""
    unsubscribe = absolute(reverse("reminders_unsubscribe", args=[unsubscribe_token(user)]))
    context = {
        "message": message,
        "today_url": absolute(reverse("today")),
        "settings_url": absolute(reverse("reminders")),
        "unsubscribe_url": unsubscribe,
    }
    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=render_to_string("reminders/email.txt", context),
        to=[address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    mail.attach_alternative(render_to_string("reminders/email.html", context), "text/html")
    mail.send()
