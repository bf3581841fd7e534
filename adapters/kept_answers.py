"""Answers of the read facade kept between calls, for a process that is asked the same questions
again and again (``sitlog serve``: a dashboard's every refresh asks for the same state).

An answer is kept under its question and the read side's stamp (``ReadSide.stamp``: the
projections' positions, the events set aside, the projections' versions), read in the same
transaction the answer would be read in. While the read tables are as they were, the kept answer
is the one the tables would give again; once a projection moves, the stamp differs and the next
call reads afresh. Shared by a server's read threads, so guarded by a lock; bounded, so that
questions that differ only in their dates cannot fill the memory (the least recently asked go
first). A kept answer's JSON is made once too (``json``). Kept answers are shared: a caller
must not change one (a server only serialises them).
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

SIZE = 64  # answers; a state is ~0.1 MB in memory


class KeptAnswers:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        # The JSON of a kept answer, by the answer's id (valid while it is kept: it is held here).
        self._json: dict[int, str | None] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: object) -> None:
        with self._lock:
            if (replaced := self._answers.get(key)) is not None:
                self._json.pop(id(replaced), None)
            self._answers[key] = answer
            self._answers.move_to_end(key)
            self._json[id(answer)] = None
            while len(self._answers) > self._size:
                _, dropped = self._answers.popitem(last=False)
                self._json.pop(id(dropped), None)

    def json(self, answer: "BaseModel") -> str:
        """``answer.model_dump_json()``, made once for a kept answer (it was a seventh of a
        server's work per request when every request made it again)."""
        with self._lock:
            if (made := self._json.get(id(answer))) is not None:
                return made
        made = answer.model_dump_json()
        with self._lock:
            if id(answer) in self._json:  # still kept: the id is still this answer's
                self._json[id(answer)] = made
        return made

    def __len__(self) -> int:
        return len(self._answers)
