"""The JSON Schemas of the answers, generated from the read models into docs/reference/schemas.

    python -m sitlog.adapters.read_models.schemas docs/reference/schemas

writes one ``<answer>.schema.json`` per answer (the shape of ``--format json``, or of an HTTP API
answer that no command prints) and a README
listing them. The files are committed; tests/unit/test_schemas.py regenerates them into a
temporary folder and fails when they differ, so the documentation cannot drift from the models.
"""

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sitlog.adapters.read_models.attacks import AttackDetail, AttackListing
from sitlog.adapters.read_models.digest import DailyDigest
from sitlog.adapters.read_models.entries import EntryListing, EntryShown
from sitlog.adapters.read_models.estimates import EstimateListing, SeriesDetail
from sitlog.adapters.read_models.exchanges import ExchangeListing, ExchangeShown
from sitlog.adapters.read_models.health import ReadSideHealth
from sitlog.adapters.read_models.negotiations import NegotiationDetail, NegotiationListing
from sitlog.adapters.read_models.projections import ProjectionsStatus
from sitlog.adapters.read_models.state import StateReport
from sitlog.adapters.read_models.store_info import StoreInfo
from sitlog.adapters.read_models.trends import TrendsReport
from sitlog.adapters.read_models.verification import Verification

# answer -> (the command that prints it, or the HTTP request that answers it; its model)
ANSWERS: dict[str, tuple[str, type[BaseModel]]] = {
    "attack-show": ("sitlog attack show", AttackDetail),
    "attack-list": ("sitlog attack list", AttackListing),
    "negotiation-show": ("sitlog negotiation show", NegotiationDetail),
    "negotiation-list": ("sitlog negotiation list", NegotiationListing),
    "exchange-show": ("sitlog exchange show", ExchangeShown),
    "exchange-list": ("sitlog exchange list", ExchangeListing),
    "estimate-show": ("sitlog estimate show", SeriesDetail),
    "estimate-list": ("sitlog estimate list", EstimateListing),
    "entry-show": ("sitlog entry show", EntryShown),
    "entry-list": ("sitlog entry list", EntryListing),
    "state": ("sitlog state", StateReport),
    "digest": ("sitlog digest", DailyDigest),
    "projections-status": ("sitlog projections status", ProjectionsStatus),
    "init": ("sitlog init", StoreInfo),
    "verify": ("sitlog verify", Verification),
    # Answers of the HTTP API only (web/): the dashboard's trends and the health check.
    "trends": ("GET /api/trends", TrendsReport),
    "health": ("GET /healthz", ReadSideHealth),
}

_GENERATED = ("Generated from sitlog's read models by `python -m sitlog.adapters.read_models.schemas`; "
              "do not edit.")


def asked(command: str) -> str:
    """How the answer is asked for: a command with ``--format json``, or an HTTP request."""
    return command if command.startswith("GET ") else f"{command} --format json"


def schema(name: str) -> dict[str, Any]:
    command, model = ANSWERS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"The JSON of `{asked(command)}`. {_GENERATED}",
        **model.model_json_schema(mode="serialization"),
    }


def files() -> dict[str, str]:
    """Every file of the reference, by name, as text."""
    out = {f"{name}.schema.json": json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
           for name in ANSWERS}
    rows = "\n".join(f"| `{asked(command)}` | [{name}.schema.json]({name}.schema.json) | "
                     f"`{model.__module__}.{model.__name__}` |" for name, (command, model) in ANSWERS.items())
    out["README.md"] = (
        "# JSON Schemas of sitlog's answers\n\n"
        f"{_GENERATED}\n\n"
        "Each command that prints data prints, with `--format json`, one of the read models of\n"
        "`adapters/read_models/`; these are their JSON Schemas (draft 2020-12), with the two answers of\n"
        "the HTTP API that no command prints (`sitlog serve`, docs/web.md). Dates are `YYYY-MM-DD`;\n"
        "record times (`recorded_at`, `known_at`, ...) are UTC with microseconds and a `Z`; times an\n"
        "operator typed (`start`, `end`, `reported_at`) keep their UTC offset.\n\n"
        "| asked by | schema | read model |\n|---|---|---|\n"
        f"{rows}\n"
    )
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitlog.adapters.read_models.schemas FOLDER")
    for path in write(Path(sys.argv[1])):
        print(path)
