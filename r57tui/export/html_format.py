"""HTML: one self-contained printable page (no scripts, no outside files) with the tables.

Printed, it is A4 landscape with each table's header repeated on every page; ids and
figures never break over two lines while long text wraps, so no column is clipped; the
fonts are the system's, chosen among those that carry Vietnamese's diacritics."""

from __future__ import annotations

from html import escape

from .cells import display_cell
from .meta import ExportMeta
from .readable import for_readers
from .table_model import NUMERIC_KINDS, Table

_STYLE = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body {
  font-family: "Segoe UI", Arial, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif;
  margin: 2em; color: #111;
}
h1 { font-size: 1.4em; margin-bottom: .2em; }
dl { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; color: #333; }
dt { font-weight: bold; }
table { border-collapse: collapse; margin: 1.5em 0; width: 100%; table-layout: auto; }
caption { text-align: left; font-weight: bold; font-size: 1.1em; padding: .3em 0; }
th, td {
  border: 1px solid #999; padding: .25em .5em; vertical-align: top;
  overflow-wrap: break-word;
}
td.id, td.n, td.d { white-space: nowrap; overflow-wrap: normal; }
td.w { min-width: 5em; }
td.long { overflow-wrap: anywhere; min-width: 12em; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.flag { color: #a00; font-weight: bold; }
tr.total td { font-weight: bold; border-top: 2px solid #111; }
thead { display: table-header-group; }
@media print {
  body { margin: 0; font-size: 8pt; }
  tr { break-inside: avoid; }
  th, td { padding: .15em .3em; }
}
"""


# The feed's long free text: a run with no space in it (a pasted link) may break
# anywhere, so it never widens its column past the page; other words break at spaces.
_LONG_TEXT = frozenset({"title", "co_agencies", "indicator", "where", "message", "note", "notes"})


def _text_class(key: str) -> list[str]:
    """An id or a period as written stays on one line; long text may break anywhere."""
    if key in ("id", "due", "period", "previous_period") or key.endswith("_id"):
        return ["id"]
    return ["long"] if key in _LONG_TEXT else ["w"]


def _cells(row: tuple[object, ...], table: Table, language: str, tag: str = "td") -> str:
    out = []
    for value, column in zip(row, table.columns, strict=True):
        numeric = column.kind in NUMERIC_KINDS
        if numeric:
            classes = ["n"]
        elif column.kind == "date":
            classes = ["d"]
        else:
            classes = _text_class(column.key)
        if column.key == table.highlight and isinstance(value, int) and value > 0:
            classes.append("flag")
        attr = f' class="{" ".join(classes)}"' if classes else ""
        shown = display_cell(value, column.kind, language)  # type: ignore[arg-type]
        # A cell of several lines (a task's notes) shows them as lines.
        text = "<br>".join(escape(line) for line in shown.split("\n"))
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
