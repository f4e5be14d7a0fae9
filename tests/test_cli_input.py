"""What an RM hands the CLI by hand, broken in the ways hands break things."""

from __future__ import annotations

from test_cli_cycle import count, rm  # noqa: F401  (rm is a fixture)


def test_an_edited_draft_that_is_not_utf8_is_one_line_and_changes_nothing(rm) -> None:  # noqa: F811
    edited = rm.dir / "latin1.txt"
    edited.write_bytes("    * Pasi K\u00e4rkk\u00e4inen\n".encode("latin-1"))
    result = rm("draft", "--from", str(edited), code=2)
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr
    assert count(rm.db, "SELECT count(*) FROM drafts") == 0
