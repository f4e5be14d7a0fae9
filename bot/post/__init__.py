"""The post: text ⇄ Post losslessly; a changed item re-written in the post's house style."""

from bot.lazy import exports

_WHERE = {
    "Change": "change",
    "ChangeKind": "change",
    "Evidence": "change",
    "NAMED_IN_PROSE": "change",
    "remark_mark": "change",
    "excerpt": "shorten",
    "split_parts": "items",
    "SchemaError": "jsonform",
    "post_from_json": "jsonform",
    "post_to_json": "jsonform",
    "FILL_COLUMN": "layout",
    "LINK_STYLES": "layout",
    "item_lines": "layout",
    "Item": "model",
    "Layout": "model",
    "Post": "model",
    "Section": "model",
    "PostParseError": "parse",
    "heading": "parse",
    "parse_post": "parse",
    "section_status": "parse",
    "render_post": "render",
    "post_source": "source",
    "read_post": "source",
    "Status": "status",
    "status_from_text": "status",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
