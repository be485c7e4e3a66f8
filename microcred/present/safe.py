"""Text from data made inert: it can never colour, move the cursor, hide text or reorder it."""

from __future__ import annotations

import re

# C0/C1 controls (ESC starts terminal sequences), bidi overrides, zero-width characters, and
# lone surrogates (bytes of an argument that was not UTF-8, which could not even be printed).
UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """Text from data, made inert for a terminal: invisible and control characters escaped."""
    return UNSAFE.sub(_escape, str(text))


def safe_line(text: object) -> str:
    """As `safe`, on one line (newlines and tabs escaped too)."""
    return safe(str(text).replace("\r\n", "\n")).replace("\n", "\\n").replace("\t", "\\t")
