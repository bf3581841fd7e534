"""How a projection stops on an event: which one, at which event, why; and the message an
operator reads. The database going away is not a projection's fault, and goes up as it is."""

from bisect import bisect_right

from sitlog.adapters.db import is_outage
from sitlog.adapters.errors import ProjectionStopped


class Unreadable(Exception):
    """A stored event that cannot be decoded, at its position in the log."""

    def __init__(self, position: int, cause: str) -> None:
        super().__init__(cause)
        self.position, self.cause = position, cause


class Attribution:
    """What an operator needs when a projection fails: which one, at which event (``event``, set
    while one is applied; else the batch's events after the projection's position), why, and
    that the batch was rolled back (nothing half-applied; the log itself is intact). The
    database going away is not the projection's fault, and goes up as it is."""

    def __init__(self, name: str, position: int, ids: list[int]) -> None:
        self.name, self.position, self.ids = name, position, ids
        self.event: int | None = None

    def __enter__(self) -> "Attribution":
        return self

    def __exit__(self, _kind: object, error: BaseException | None, _tb: object) -> None:
        if not isinstance(error, Exception) or isinstance(error, ProjectionStopped) or is_outage(error):
            return
        if self.event is not None:
            first = last = self.event
        else:
            first, last = self.ids[bisect_right(self.ids, self.position)], self.ids[-1]
        raise stopped((self.name,), self.position, first, last,
                       f"{type(error).__name__}: {one_line(error)}") from error


def stopped(names: tuple[str, ...], position: int | None, first: int, last: int, cause: str,
             verb: str = "apply") -> ProjectionStopped:
    who = f"projection {names[0]}" if len(names) == 1 else f"projections {', '.join(names)}"
    stay = f"its tables stay at event {position}" if position is not None else "their tables stay before it"
    if first == last:
        return ProjectionStopped(
            f"{who} cannot {verb} event {first} of the log ({cause}); {stay}: fix the cause, then "
            f"`sitlog projections catch-up`, or set the event aside: `sitlog projections skip {first} "
            "--reason ...`", projections=names, event=first, cause=cause)
    return ProjectionStopped(
        f"{who} cannot {verb} events {first} to {last} of the log ({cause}); {stay}: fix the cause, "
        "then `sitlog projections catch-up`", projections=names, cause=cause)


def one_line(error: BaseException, limit: int = 300) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
