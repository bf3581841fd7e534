"""``sitlog state``: the whole picture at a date, as the log knew it at a moment."""

import typer
from sitlog.adapters.queries.state import state as state_at
from sitlog.adapters.queries.summaries import WINDOWS
from sitlog.cli.context import read
from sitlog.cli.options import KNOWN_AT, as_of_option, when
from sitlog.cli.render import FORMAT_OPTION, Format, emit
from sitlog.domain.clock import today_in_kyiv


def state(
    ctx: typer.Context,
    as_of: str = as_of_option("The day to look at (default: today in Kyiv)."),
    known_at: str = KNOWN_AT,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Per attacker and source: totals by weapon category for the last night, 7 days, 30 days and
    all time up to the date; the latest estimate of every source; open negotiations; exchanges.

    Example: sitlog state --as-of 2026-01-31 --known-at 2026-02-02T08:00 --format json
    """
    given, moment = when(as_of, known_at)
    day = given or today_in_kyiv()
    doc = read(ctx, lambda tx: state_at(tx, day, moment))
    emit(fmt, doc, _sections(doc))


def _sections(doc: dict) -> dict[str, list[dict]]:
    attacks = [
        {"attacker": a["attacker"], "source": a["source"], "window": window, "category": category, **values}
        for a in doc["attacks"] for window in WINDOWS if a[window]
        for category, values in [*a[window]["weapons"].items(), ("casualties", a[window]["casualties"])]
        if values
    ]
    estimates = [{"series": e["series"], "source": e["source"], "as_of": e["as_of"], "figure": e["text"]}
                 for e in doc["estimates"]]
    negotiations = [{"slug": n["slug"], "status": n["status"], "rounds": n["round_count"],
                     "last_round_on": n["last_round_on"]} for n in doc["negotiations"]]
    overview = doc["exchanges"]
    shown = {x["reference"]: x for x in overview["pending"] + overview["last_30_days"]}
    exchanges = [{"reference": x["reference"], "status": x["status"], "agreed_on": x["agreed"]["date"],
                  "agreed_total": x["agreed"]["total"],
                  "completed_on": (x["completed"] or {}).get("date"),
                  "released_total": (x["completed"] or {}).get("total")}
                 for x in shown.values()]
    last = overview["last"]
    summary = [{"last_exchange": f"{last['reference']} {last['event']} {last['date']}" if last else None,
                "days_since": overview["days_since_last"], **overview["counts"]}]
    return {"attacks": attacks, "estimates": estimates, "negotiations": negotiations,
            "exchanges": exchanges, "since last exchange": summary}


def register(app: typer.Typer) -> None:
    app.command("state")(state)
