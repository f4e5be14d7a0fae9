"""The fixture scorer's matching of one labelled change against one produced change."""

from __future__ import annotations

from bot.reply.evaluate import matches

DUPLICATE = ("duplicate", "Frob crash on resume", "Frob hang on suspend", True, "")


def test_a_duplicate_label_names_the_item_it_repeats() -> None:
    assert matches({"item": "Frob crash", "kind": "duplicate", "value": "Frob hang"}, DUPLICATE)
    assert not matches({"item": "Frob crash", "kind": "duplicate", "value": "Timer drift"},
                       DUPLICATE)


def test_a_status_duplicate_label_matches_any_duplicate_of_that_item() -> None:
    """Two blind sets write "the item is a duplicate" as a state, without the other item."""
    assert matches({"item": "Frob crash", "kind": "status", "value": "duplicate"}, DUPLICATE)
    assert not matches({"item": "Timer drift", "kind": "status", "value": "duplicate"},
                       DUPLICATE)
    assert not matches({"item": "Frob crash", "kind": "status", "value": "duplicate",
                        "applied": False}, DUPLICATE)
