"""The worker process of a parallel catch-up (``parallel.py``).

It reads one line of JSON on stdin (the store's settings, the projections, the batch size),
catches those projections up, and prints one line of JSON on stdout: ``{"done": events}`` or
``{"error": kind, "message": ...}``. Its stdin stays open: when it closes (the parent asks it
to stop, or is gone, even killed), the worker stops after its batch.
"""

import json
import os
import select
import signal
from pathlib import Path
from typing import Any


def main() -> None:
    # Ctrl-C reaches the whole process group: the parent decides, and closes our stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    request = json.loads(_request_line())
    print(json.dumps(_catch_up(request, stopping=_closed)), flush=True)


def _request_line() -> bytes:
    """The first line on stdin, read from the descriptor itself: a buffered reader could
    swallow the end of the input, which ``_closed`` must see."""
    data = b""
    while b"\n" not in data:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        data += chunk
    return data.partition(b"\n")[0]


def _closed() -> bool:
    """Whether stdin has ended (nothing else ever comes on it): the sign to stop."""
    readable, _, _ = select.select([0], [], [], 0)
    return bool(readable)


def _catch_up(request: dict[str, Any], stopping: Any) -> dict[str, Any]:
    from sitlog.adapters.config import StoreConfig
    from sitlog.adapters.errors import ProjectionStopped
    from sitlog.adapters.projections.parallel import ERRORS
    from sitlog.adapters.store import describe_store_error, open_store
    from sitlog.domain.errors import SitlogError

    settings = request["config"]
    config = StoreConfig(**{**settings, "path": Path(settings["path"]) if settings["path"] else None})
    names = request["projections"]
    try:
        with open_store(config, "projections") as store:
            done = store.runner.only(names).catch_up(request["batch"], stop=stopping, workers=1)
        return {"done": done}
    except SitlogError as e:
        kind = type(e).__name__ if type(e).__name__ in ERRORS else "ProjectionStopped"
        where = {"projections": list(e.projections), "event": e.event, "cause": e.cause} \
            if isinstance(e, ProjectionStopped) else {}
        return {"error": kind, "message": str(e), **where}
    except Exception as e:
        reason = describe_store_error(e) or f"unexpected {type(e).__name__}: {e}"
        return {"error": "ProjectionStopped", "message": f"projections {', '.join(names)}: {reason}"}


if __name__ == "__main__":
    main()
