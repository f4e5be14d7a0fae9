"""Sending: the approved post out by SMTP from cron, exactly once; the RM told of trouble."""

from bot.lazy import exports

_WHERE = {
    "Outcome": "outbox",
    "SmtpSettings": "outbox",
    "build_message": "outbox",
    "deliver_sync": "outbox",
    "make_message_id": "outbox",
    "Policy": "plan",
    "backoff": "plan",
    "due": "plan",
    "last_slot": "plan",
    "next_slot": "plan",
    "notice_mail": "plan",
    "post_body": "plan",
    "post_mail": "plan",
    "shrinkage": "plan",
    "window_end": "plan",
    "PingRun": "pings",
    "Report": "sender",
    "SendBusy": "sender",
    "SendError": "sender",
    "Sender": "sender",
    "send_lock": "sender",
    "sends": "sender",
    "smtp_settings": "sender",
    "force": "word",
    "resolve": "word",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
