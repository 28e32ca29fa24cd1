"""HTML: one self-contained printable page (no scripts, no outside files) with the tables."""

from __future__ import annotations

from html import escape

from .cells import display_cell
from .meta import ExportMeta
from .readable import for_readers
from .table_model import NUMERIC_KINDS, Table

_STYLE = """
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.4em; margin-bottom: .2em; }
dl { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; color: #333; }
dt { font-weight: bold; }
table { border-collapse: collapse; margin: 1.5em 0; width: 100%; }
caption { text-align: left; font-weight: bold; font-size: 1.1em; padding: .3em 0; }
th, td { border: 1px solid #999; padding: .25em .5em; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.flag { color: #a00; font-weight: bold; }
tr.total td { font-weight: bold; border-top: 2px solid #111; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
"""


def _cells(row: tuple[object, ...], table: Table, language: str, tag: str = "td") -> str:
    out = []
    for value, column in zip(row, table.columns, strict=True):
        numeric = column.kind in NUMERIC_KINDS
        classes = ["n"] if numeric else []
        if column.key == table.highlight and isinstance(value, int) and value > 0:
            classes.append("flag")
        attr = f' class="{" ".join(classes)}"' if classes else ""
        text = escape(display_cell(value, column.kind, language))  # type: ignore[arg-type]
        out.append(f"<{tag}{attr}>{text}</{tag}>")
    return "".join(out)


def render_html(tables: list[Table], meta: ExportMeta) -> bytes:
    lang = meta.language
    lines = meta.lines()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(lines[0][1])}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(lines[0][1])}</h1><dl>",
    ]
    parts += [f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in lines[1:]]
    parts.append("</dl>")
    for table in (for_readers(table, lang) for table in tables):
        parts.append(f"<table><caption>{escape(table.title)}</caption><thead><tr>")
        parts += [f"<th>{escape(column.header)}</th>" for column in table.columns]
        parts.append("</tr></thead><tbody>")
        parts += [f"<tr>{_cells(row, table, lang)}</tr>" for row in table.rows]
        if table.totals is not None:
            parts.append(f'<tr class="total">{_cells(table.totals, table, lang)}</tr>')
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")
