"""Friendships and the requests behind them, blocks, mutes, cheers, comments, reports, the
moderators' log and in-app notifications.

A friendship is stored as two rows, one per direction, so "my friends" is one indexed read
and a feed joins on it without an OR.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

USER = settings.AUTH_USER_MODEL
COMMENT_LIMIT = 1000
REPORT_NOTE_LIMIT = 500


class FriendRequest(models.Model):
    """A pending request; accepting makes the friendship and removes it. A declined request
    stays (declined_at set) so the sender cannot ask again at once, and is never told."""

    from_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["from_user", "to_user"], name="friend_request_once"),
            models.CheckConstraint(
                condition=~Q(from_user=F("to_user")), name="friend_request_not_self"
            ),
        ]
        indexes = [models.Index(fields=["to_user", "-created_at"], name="friend_request_inbox")]

    def __str__(self) -> str:
        return f"{self.from_user_id} -> {self.to_user_id}"


class Friendship(models.Model):
    """One direction of a friendship: `user` counts `friend` among their friends."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    friend = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "friend"], name="friendship_once"),
            models.CheckConstraint(condition=~Q(user=F("friend")), name="friendship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ~ {self.friend_id}"


class Block(models.Model):
    """`blocker` blocked `blocked`: the two see nothing of each other; neither is told."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]
        indexes = [models.Index(fields=["blocked"], name="block_blocked")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocked {self.blocked_id}"


class Mute(models.Model):
    """`muter` hides `muted` from their own feed; nothing else changes and no one is told."""

    muter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    muted = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_once"),
            models.CheckConstraint(condition=~Q(muter=F("muted")), name="mute_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.muter_id} muted {self.muted_id}"


class CheerKind(models.TextChoices):
    BRAVE = "brave", "Brave"
    WELL_ASKED = "well_asked", "Well asked"
    KEEP_GOING = "keep_going", "Keep going"


class Cheer(models.Model):
    """One tap on a shared ask; tapping the same kind again takes it back."""

    attempt = models.ForeignKey("journal.Attempt", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=CheerKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "user", "kind"], name="cheer_once"),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in CheerKind]), name="cheer_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.attempt_id}"


class Comment(models.Model):
    """Plain text on a shared ask, with one level of replies (a reply's parent is never a reply)."""

    attempt = models.ForeignKey("journal.Attempt", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=COMMENT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set when three people reported it or a moderator hid it: only its author still sees it.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["attempt", "created_at"], name="comment_attempt_time")]

    def __str__(self) -> str:
        return self.body[:60]


class ReportTarget(models.TextChoices):
    ASK = "ask", "An ask"
    COMMENT = "comment", "A comment"
    PERSON = "person", "A person"


class ReportReason(models.TextChoices):
    UNSAFE = "unsafe", "It could hurt someone"
    HARASSMENT = "harassment", "Harassment or bullying"
    HATE = "hate", "Hate or slurs"
    SEXUAL = "sexual", "Sexual content"
    PRIVACY = "privacy", "Shares someone's private details or film"
    SPAM = "spam", "Spam"
    OTHER = "other", "Something else"


class Report(models.Model):
    """One person's report of an ask, a comment or a person; one per reporter and target."""

    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=10, choices=ReportTarget.choices)
    target_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=12, choices=ReportReason.choices)
    note = models.CharField(max_length=REPORT_NOTE_LIMIT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target", "target_id"], name="report_once_per_reporter"
            ),
        ]
        indexes = [models.Index(fields=["target", "target_id"], name="report_target")]

    def __str__(self) -> str:
        return f"{self.target} {self.target_id}: {self.reason}"


class ModerationAction(models.Model):
    """The log of every moderator decision (and of the automatic hide at three reports)."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hide"
        RESTORE = "restore", "Restore"
        WARN = "warn", "Warn"
        SUSPEND = "suspend", "Suspend"

    moderator = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target = models.CharField(max_length=10, choices=ReportTarget.choices)
    target_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    note = models.CharField(max_length=REPORT_NOTE_LIMIT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.target} {self.target_id}"


class NotificationKind(models.TextChoices):
    FRIEND_REQUEST = "friend_request", "Friend request"
    FRIEND_ACCEPTED = "friend_accepted", "Friend request accepted"
    CHEER = "cheer", "Cheer"
    COMMENT = "comment", "Comment"
    REPLY = "reply", "Reply"
    GROUP = "group", "Group news"
    MODERATION = "moderation", "From the moderators"


class Notification(models.Model):
    """Something for the bell. `text` is written when it is made, from facts the recipient may
    see; `url` is where tapping it goes (a path inside the app)."""

    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recent"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class InviteLink(models.Model):
    """A person's own friend invite link (/friends/invite/<token>/): whoever opens it while
    signed in can send them a request in one tap. Resetting it makes a new token, so an old
    link that travelled too far stops working."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"invite link of {self.user_id}"


class NotificationChannels(models.Model):
    """Whether this person also wants their notifications on the reminder channels (push to
    their subscribed browsers, e-mail to a confirmed address). Off until they choose it."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    push = models.BooleanField(default=False)
    email = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notification channels"

    def __str__(self) -> str:
        return f"channels of {self.user_id}"
