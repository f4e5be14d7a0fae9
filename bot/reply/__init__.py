"""A reply's words → changes on the post's items, each with the sentence that said it."""

from bot.lazy import exports

_WHERE = {
    "analyze_reply": "analysis",
    "ReplyAnalysis": "analysis",
    "Remark": "learned",
    "Score": "evaluate",
    "score_fixture": "evaluate",
    "analysis_to_json": "jsonform",
    "describe": "jsonform",
    "when": "sentences",
    "read_sentence": "vocabulary",
    "rules_with": "vocabulary",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
