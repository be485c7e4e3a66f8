"""Read the items of a large JSON document one at a time, in bounded memory (stdlib only).

`json.load` holds a whole file; catalog dumps can be large. Here the top level (a list, or
an object whose members are lists) is walked by hand, and each item is decoded with
`JSONDecoder.raw_decode` from a buffer that is refilled as needed and trimmed behind us.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

CHUNK = 1 << 16
MAX_ITEM = 64 << 20  # one catalog item bigger than this is a broken file, not a course


class JsonProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class _Reader:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.buffer = ""
        self.pos = 0
        self.line = 1  # the line of `pos`
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self, wanted: int = CHUNK) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(max(wanted, CHUNK))
        if not chunk:
            self.eof = True
            return False
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def _advance(self, to: int) -> None:
        self.line += self.buffer.count("\n", self.pos, to)
        self.pos = to

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            end = len(self.buffer)
            pos = self.pos
            while pos < end and self.buffer[pos] in " \t\r\n":
                pos += 1
            self._advance(pos)
            if pos < end:
                return self.buffer[pos]
            if not self._fill():
                return ""

    def take(self, char: str, context: str) -> None:
        found = self.peek()
        if found != char:
            raise self.problem(f"expected {char!r} {context}, found {found or 'the end of the file'!r}")
        self._advance(self.pos + 1)

    def problem(self, message: str) -> JsonProblem:
        return JsonProblem(self.line, message)

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                # Incomplete (the value runs past the buffer: a cut `fals`, `\u12`, string) or broken?
                incomplete = exc.pos >= len(self.buffer) - 16 or exc.msg.startswith("Unterminated string")
                if incomplete and self._grow():
                    continue
                line = self.line + self.buffer.count("\n", self.pos, exc.pos)
                where = "the file ends inside a value (truncated?)" if self.eof and incomplete else exc.msg
                raise JsonProblem(line, f"not valid JSON: {where}") from None
            if end == len(self.buffer) and self._grow():
                continue  # a number cut by the buffer's end ("12" of "123"): read on and decode again
            self._advance(end)
            return value

    def _grow(self) -> bool:
        size = len(self.buffer) - self.pos
        if size > MAX_ITEM:
            raise self.problem(f"one item is larger than {MAX_ITEM >> 20} MB")
        return self._fill(size)

    def array(self) -> Iterator[tuple[int, int, Any]]:
        """(index, line, item) for each item of the list that starts here."""
        self.take("[", "to start a list")
        if self.peek() == "]":
            self._advance(self.pos + 1)
            return
        index = 0
        while True:
            self.peek()
            line = self.line
            yield index, line, self.value()
            index += 1
            following = self.peek()
            if following == ",":
                self._advance(self.pos + 1)
            elif following == "]":
                self._advance(self.pos + 1)
                return
            elif not following:
                raise self.problem("the file ends inside a list (truncated?)")
            else:
                raise self.problem(f"expected ',' or ']' after an item, found {following!r}")


def items(stream: TextIO) -> Iterator[tuple[str | None, int | None, int, Any]]:
    """(member, index, line, item): for a top-level list, (None, i, line, item) per item; for
    a top-level object, (key, i, line, item) per item of each list member, and
    (key, None, line, value) for a member that is not a list."""
    reader = _Reader(stream)
    first = reader.peek()
    if first == "[":
        for index, line, item in reader.array():
            yield None, index, line, item
    elif first == "{":
        reader.take("{", "")
        if reader.peek() == "}":
            reader._advance(reader.pos + 1)
        else:
            while True:
                key_line = reader.line
                key = reader.value()
                if not isinstance(key, str):
                    raise JsonProblem(key_line, "not valid JSON: an object key must be a string")
                reader.take(":", f"after the key {key!r}")
                if reader.peek() == "[":
                    for index, line, item in reader.array():
                        yield key, index, line, item
                else:
                    line = reader.line
                    yield key, None, line, reader.value()
                following = reader.peek()
                if following == ",":
                    reader._advance(reader.pos + 1)
                    continue
                if following == "}":
                    reader._advance(reader.pos + 1)
                    break
                if not following:
                    raise reader.problem("the file ends inside an object (truncated?)")
                raise reader.problem(f"expected ',' or '}}' after a member, found {following!r}")
    elif first == "":
        raise reader.problem("the file is empty")
    else:
        raise reader.problem(f"not JSON: the file starts with {first!r}")
    if reader.peek():
        raise reader.problem("more data after the end of the JSON document")
