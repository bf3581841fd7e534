"""The digest as one self-contained HTML file: the blocks of the Markdown, styled inline (nothing
to fetch: no scripts, fonts or images from anywhere), printable, and the chart of the trends as
inline SVG with a text alternative (a caption, and its numbers in a table)."""

from html import escape

from sitlog.adapters.digest_render import words as w
from sitlog.adapters.digest_render.blocks import Block, Chart, Grid, Heading, Items, Paragraph
from sitlog.adapters.digest_render.document import blocks, title
from sitlog.adapters.read_models.digest import AttackerTrend, DailyDigest

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1f23;
       background: #fff; max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { border-bottom: 2px solid #1f5f99; padding-bottom: .2rem;
       margin-top: 2rem; } h3 { margin-bottom: .4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c9d1d9; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ul { padding-left: 1.2rem; } li { margin: .2rem 0; } code { background: #f3f4f6; padding: 0 .2rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #444; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; }
               table, figure, li { break-inside: avoid; } details { display: block; }
               details > summary { display: none; } }
"""


STYLE = _STYLE
"""The digest's style sheet (the dashboard's pages use it too)."""


def render_html(digest: DailyDigest) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title(digest))}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f"{render_body(digest)}\n</body>\n</html>\n")


def render_body(digest: DailyDigest) -> str:
    """The digest's content as HTML elements, to put in a page of one's own."""
    return "\n".join(_block(b) for b in blocks(digest))


def _inline(text: str) -> str:
    """Escaped text, with `code spans` as <code>."""
    parts = text.split("`")
    return "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_inline(block.text)}</p>"
    if isinstance(block, Items):
        items = "".join(f"<li><strong>{escape(i.label)}</strong>: {escape(i.text)}</li>" if i.label
                        else f"<li>{escape(i.text)}</li>" for i in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Chart):
        return _chart(list(block.trends))
    assert isinstance(block, Grid)
    return _table(block)


def _table(grid: Grid) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        numeric = ' class="n"' if i in grid.numeric else ""
        return f"<{tag}{numeric}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, c) for i, c in enumerate(grid.columns))
    rows = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
                   for row in grid.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _chart(trends: list[AttackerTrend]) -> str:
    from sitlog.adapters.digest_render.chart import chart_svg

    who = "; ".join(f"{t.attacker} ({t.source})" for t in trends)
    biggest = "; ".join(f"{t.attacker}: {n.date}, {w.count(n.launched)} launched, "
                        f"{w.count(n.destroyed)} destroyed" for t in trends if (n := t.largest_night))
    title = "Launched and destroyed per night, the last 30 nights"
    description = (f"Bar chart, one panel per attacker: {who}. Each night's launched (light bars) and "
                   f"destroyed (dark bars). Largest night: {biggest or 'none'}.")
    svg = chart_svg(trends, title=title, description=description)
    numbers = "".join(
        _table(Grid(("night", "launched", "destroyed"),
                    tuple((str(n.date), w.count(n.launched), w.count(n.destroyed)) for n in t.nights),
                    frozenset({1, 2})))
        .replace("<table>", f"<table><caption>{escape(t.attacker)} ({escape(t.source)})</caption>", 1)
        for t in trends)
    return (f'<figure>{svg}<figcaption>{escape(title)}. {escape(description)}</figcaption>'
            f"<details><summary>The chart's numbers</summary>{numbers}</details></figure>")
