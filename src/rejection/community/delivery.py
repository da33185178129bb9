"""Sending a notification on the reminder channels the person chose: web push to each of
their subscribed browsers, e-mail to their confirmed address. Run in a background job
(community.tasks) so whoever made the notification never waits on a push service or SMTP.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.urls import reverse

from rejection.community.models import Notification, NotificationChannels
from rejection.reminders import push
from rejection.reminders.mail import absolute
from rejection.reminders.models import PushSubscription
from rejection.reminders.services import confirmed_address

logger = logging.getLogger(__name__)

TITLE = "Rejection Therapy"


def deliver(notification_id: int) -> None:
    """Send one notification on each channel its recipient chose (push, e-mail)."""
    item = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if item is None:
        return
    channels = NotificationChannels.objects.filter(user_id=item.recipient_id).first()
    if channels is None:
        return
    url = item.url or reverse("notifications")
    if channels.push:
        payload: dict[str, object] = {
            "kind": "notification",
            "title": TITLE,
            "body": item.text,
            "url": url,
        }
        for subscription in PushSubscription.objects.filter(user_id=item.recipient_id):
            status = push.send(subscription.as_info(), payload)
            if status in (404, 410):  # the browser unsubscribed: forget it
                subscription.delete()
    if channels.email:
        address = confirmed_address(item.recipient)
        if address:
            body = (
                f"{item.text}\n\nSee it: {absolute(url)}\n\n"
                "You get these because you chose e-mail for notifications. Turn it off at "
                f"{absolute(reverse('notifications'))}\n"
            )
            mail = EmailMessage(
                subject=item.text[:78],
                body=body,
                to=[address],
                headers={"Auto-Submitted": "auto-generated"},
            )
            try:
                mail.send()
            except Exception:
                logger.warning("Notification mail to %s failed", item.recipient_id, exc_info=True)
