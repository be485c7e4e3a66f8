"""Text from data made inert: it can never colour, move the cursor, hide text or reorder it."""

from __future__ import annotations

import re

# Everything that acts instead of showing: C0/C1 controls (ESC starts terminal sequences; tab
# and newline are kept), and every format character (Unicode category Cf: the soft hyphen,
# Arabic and Syriac marks, the Mongolian vowel separator, zero-width characters, bidi
# embeddings, overrides and isolates, invisible operators, the BOM, interlinear annotations,
# the tag block), line and paragraph separators, and lone surrogates (bytes of an argument
# that was not UTF-8, which could not even be printed). tests/test_safe.py checks this class
# against every Cf character of the running Python's Unicode database.
UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\xad"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb"
    "\ud800-\udfff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"
    "]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def json_escape(match: re.Match[str]) -> str:
    """The JSON escape of one character: beyond U+FFFF, as its UTF-16 pair (JSON has no other)."""
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def safe(text: object) -> str:
    """Text from data, made inert for a terminal: invisible and control characters escaped."""
    return UNSAFE.sub(_escape, str(text))


def safe_line(text: object) -> str:
    """As `safe`, on one line (newlines and tabs escaped too)."""
    return safe(str(text).replace("\r\n", "\n")).replace("\n", "\\n").replace("\t", "\\t")
