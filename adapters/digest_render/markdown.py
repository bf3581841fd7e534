"""The digest as Markdown (CommonMark with pipe tables): what ``sitlog digest`` prints by default."""

import re

from sitlog.adapters.digest_render.blocks import Block, Chart, Grid, Heading, Items, Paragraph
from sitlog.adapters.digest_render.document import blocks
from sitlog.adapters.read_models.digest import DailyDigest

# Characters Markdown would read as formatting, in the text of a source or an operator.
_SPECIAL = re.compile(r"([\\*_`\[\]<>#|])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _code_spans(text: str) -> str:
    """Text with `code spans` kept as they are and everything else escaped."""
    parts = text.split("`")
    return "`".join(part if i % 2 else escape(part) for i, part in enumerate(parts))


def render_markdown(digest: DailyDigest) -> str:
    return "\n\n".join(_block(b) for b in blocks(digest) if not isinstance(b, Chart)) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return _code_spans(block.text)
    if isinstance(block, Items):
        return "\n".join(f"- **{escape(i.label)}**: {escape(i.text)}" if i.label else f"- {escape(i.text)}"
                         for i in block.items)
    assert isinstance(block, Grid)
    align = ["---:" if i in block.numeric else "---" for i in range(len(block.columns))]
    lines = [block.columns, align, *block.rows]
    return "\n".join("| " + " | ".join(escape(cell) if line is not align else cell for cell in line) + " |"
                     for line in lines)
