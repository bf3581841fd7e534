"""A digest as blocks: a title, then its sections in order, each left out when it has nothing."""

from sitlog.adapters.digest_render import sections_day, sections_more
from sitlog.adapters.digest_render.blocks import Block, Heading, Paragraph
from sitlog.adapters.read_models.digest import DailyDigest


def title(digest: DailyDigest) -> str:
    return f"Daily digest, {digest.date}"


def known_at(digest: DailyDigest) -> str:
    """The digest's moment as its JSON writes it."""
    text: str = digest.model_dump(mode="json", include={"known_at"})["known_at"]
    return text


def blocks(digest: DailyDigest) -> list[Block]:
    sections: list[tuple[str, list[Block]]] = [
        ("Overnight attacks", sections_day.attacks(digest.attacks) if digest.attacks else []),
        ("Diplomacy", sections_day.diplomacy(digest.diplomacy)
         if digest.diplomacy.negotiations or digest.diplomacy.entries else []),
        ("Prisoner exchanges", sections_day.exchanges(digest.exchanges) if digest.exchanges else []),
        ("Casualty estimates", sections_more.estimates(digest.estimates) if digest.estimates else []),
        ("Other log entries", [sections_day.entries(digest.entries, with_category=True)]
         if digest.entries else []),
        ("Trends", sections_more.trends(digest.trends) if digest.trends else []),
        ("Corrections and retractions", sections_more.corrections(digest.corrections)
         if digest.corrections else []),
    ]
    out: list[Block] = [
        Heading(1, title(digest)),
        Paragraph(f"Dates and times in {digest.time_zone}; each fact with its source. The log as it stood at "
                  f"{known_at(digest)} (`sitlog digest {digest.date} --known-at {known_at(digest)}` gives "
                  "this digest again)."),
    ]
    for name, content in sections:
        if content:
            out += [Heading(2, name), *content]
    if len(out) == 2:
        out.append(Paragraph("Nothing was logged for this day."))
    return out
