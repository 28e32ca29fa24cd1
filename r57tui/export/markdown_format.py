"""Markdown: a heading with the feed's title and as-of time, then pipe tables, ready to
paste into the minutes. Numbers are written as on screen."""

from __future__ import annotations

import re

from .cells import display_cell
from .meta import ExportMeta
from .readable import for_readers
from .table_model import NUMERIC_KINDS, Table

# Characters that would end a cell, start markup or an HTML tag where the minutes are pasted.
_ESCAPE = re.compile(r"([\\|*_`\[\]<>#])")


def md_text(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", " ".join(text.split()))


def md_cell(text: str, kind: str) -> str:
    """A cell of the pipe table; a cell of several lines (a task's notes) breaks its lines
    with `<br>`, the line break a pipe table allows, which a Markdown viewer shows as one
    and the plain text still reads as a separator."""
    if kind == "lines":
        return "<br>".join(md_text(line) for line in text.split("\n"))
    return md_text(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(tables: list[Table], meta: ExportMeta) -> bytes:
    lang = meta.language
    block = meta.lines()
    lines = [f"# {md_text(block[0][1])}", ""]
    lines += [f"- **{label}:** {md_text(value)}" for label, value in block[1:]]
    for table in (for_readers(table, lang) for table in tables):
        lines += ["", f"## {md_text(table.title)}", ""]
        lines.append(_row([md_text(column.header) for column in table.columns]))
        lines.append(_row(["---:" if c.kind in NUMERIC_KINDS else "---" for c in table.columns]))
        for row in table.rows:
            lines.append(
                _row(
                    [
                        md_cell(display_cell(value, column.kind, lang), column.kind)
                        for value, column in zip(row, table.columns, strict=True)
                    ]
                )
            )
        if table.totals is not None:
            cells = [
                display_cell(value, column.kind, lang)
                for value, column in zip(table.totals, table.columns, strict=True)
            ]
            lines.append(_row([f"**{md_text(cell)}**" if cell else "" for cell in cells]))
    lines.append("")
    return "\n".join(lines).encode("utf-8")
