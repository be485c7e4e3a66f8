"""Writing to stdout and stderr: the one place text meets a stream.

A stream that cannot encode Unicode (`PYTHONIOENCODING=ascii`, a latin-1 locale) gets plain
stand-ins for the few symbols the views use (`·` → `-`, `×` → `x`, `…` → `...`, bars → `#`),
accents without their marks, and `?` for anything else: the run degrades, it never crashes on
a character. A write the system refuses (disk full, stdout closed) becomes a WriteError; a
reader that went away (BrokenPipeError) is left to the CLI, which handles it once.
"""

from __future__ import annotations

import codecs
import errno
import unicodedata
from typing import TextIO

from ..errors import WriteError

STAND_INS = {
    "·": "-",
    "×": "x",
    "…": "...",
    "▏": "|",
    "▌": "|",
    "█": "#",
    "≈": "~",
    "—": "-",
    "–": "-",
    "−": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "→": "->",
    "≤": "<=",
    "≥": ">=",
    "•": "*",
    "±": "+/-",
    "€": "EUR",
    "£": "GBP",
    "\u00a0": " ",
}
_HANDLER = "microcred-stand-in"


def _stand_in_for(char: str, encoding: str) -> str:
    for candidate in (
        STAND_INS.get(char),
        "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)),
    ):
        if candidate:
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            return candidate
    return "?"


def _stand_ins(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - only registered for encoding
        raise exc
    text = exc.object[exc.start : exc.end]
    return "".join(_stand_in_for(char, exc.encoding) for char in text), exc.end


codecs.register_error(_HANDLER, _stand_ins)


def encoding(stream: TextIO) -> str:
    return getattr(stream, "encoding", None) or "utf-8"


def unicode_ok(stream: TextIO) -> bool:
    """Whether the stream can take any character (a UTF encoding)."""
    try:
        return codecs.lookup(encoding(stream)).name.startswith("utf")
    except LookupError:
        return False


def fit(text: str, stream: TextIO) -> str:
    """The text as this stream can encode it: unchanged for UTF-8, stand-ins otherwise."""
    if text.isascii() or unicode_ok(stream):
        return text
    name = encoding(stream)
    return text.encode(name, _HANDLER).decode(name)


def write(stream: TextIO, text: str, name: str = "stdout") -> None:
    """Write data to stdout (or another stream) and flush; a refused write is a WriteError."""
    try:
        stream.write(fit(text, stream))
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(f"the output ({name})", exc) from None
    except ValueError:  # "I/O operation on closed file"
        raise WriteError(f"the output ({name})", OSError(errno.EBADF, "the stream is closed")) from None


def write_message(stream: TextIO, text: str) -> None:
    """A message on stderr. If stderr itself cannot be written there is nowhere left to say so."""
    try:
        stream.write(fit(text, stream))
        stream.flush()
    except (OSError, ValueError):
        pass
