"""The items of a JSON array, read from a stream one at a time, each with its line in the file."""

import json
from collections.abc import Iterator
from typing import IO, Any

from sitlog.adapters.importers.common import ImportRefused

_CHUNK = 1 << 16
_DECODER = json.JSONDecoder()
_BLANK = " \t\r\n"


class _Reader:
    """A window on the text: what is read and not yet consumed, and the line it is at."""

    def __init__(self, text: IO[str]) -> None:
        self.text, self.buffer, self.position, self.line = text, "", 0, 1

    def more(self) -> bool:
        chunk = self.text.read(_CHUNK)
        if self.position > _CHUNK:  # drop what was consumed, now and then
            self.buffer, self.position = self.buffer[self.position:], 0
        self.buffer += chunk
        return bool(chunk)

    def next_char(self) -> str:
        """The next character that is not white space (without consuming it); "" at the end."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in _BLANK:
                self.line += self.buffer[self.position] == "\n"
                self.position += 1
            if self.position < len(self.buffer) or not self.more():
                return self.buffer[self.position:self.position + 1]

    def value(self, name: str) -> Any:
        while True:
            try:
                item, end = _DECODER.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as e:
                if self.more():
                    continue
                line = self.line + self.buffer.count("\n", self.position, e.pos)
                raise ImportRefused(f"file: {name} line {line}: not JSON ({e.msg})") from None
            if end == len(self.buffer) and self.more():
                continue  # a number may go on in the next chunk
            self.line += self.buffer.count("\n", self.position, end)
            self.position = end
            return item


def array_items(text: IO[str], name: str) -> Iterator[tuple[int, Any]]:
    """(line where the item starts, item) for each item of the top-level array in ``text``."""
    reader = _Reader(text)
    if reader.next_char() != "[":
        raise ImportRefused(f"file: {name} is not a JSON array (it does not start with '[')")
    reader.position += 1
    if reader.next_char() == "]":
        return
    while True:
        if not reader.next_char():
            raise ImportRefused(f"file: {name} ends before its array does (line {reader.line})")
        line = reader.line
        yield line, reader.value(name)
        after = reader.next_char()
        reader.position += 1
        if after == "]":
            return
        if after != ",":
            raise ImportRefused(f"file: {name} line {reader.line}: expected ',' or ']' after an item")
