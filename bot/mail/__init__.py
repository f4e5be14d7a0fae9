"""Mail: bytes from a source decoded to text, split into quotes and the sender's new words."""

from bot.lazy import exports

_WHERE = {
    "CONTROL": "headers",
    "DOMAIN": "headers",
    "HeaderInjection": "headers",
    "clean": "headers",
    "one_address": "headers",
    "Message": "message",
    "head_end": "message",
    "message_key": "message",
    "parse_address": "message",
    "sender_of": "message",
    "parse_message": "message",
    "quick_headers": "message",
    "html_to_text": "htmltext",
    "Block": "quote",
    "BlockKind": "quote",
    "split_quotes": "quote",
    "SourceError": "sources",
    "open_source": "sources",
    "read_mails": "sources",
    "split_mbox": "sources",
    "fix_mojibake": "text",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
