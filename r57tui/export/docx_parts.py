"""The pieces of WordprocessingML that python-docx has no call for, each said once: a font
for every script, a PAGE field, a header row repeated on every page, a row kept whole, a
short centred rule under a heading line, cell widths. Used by the report's writer and by
the script that makes its template (scripts/make_report_template.py)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_fonts(rpr: BaseOxmlElement, name: str = FONT) -> None:
    """Every script's font (Latin, East Asian, complex) set to `name`, and the theme's
    fonts taken off: Word prefers a theme font to a named one, and Vietnamese letters
    with two marks fall back to another font when a script is left unset."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def set_language(rpr: BaseOxmlElement, tag: str) -> None:
    """The proofing language of the text (vi-VN), so Word checks it as Vietnamese."""
    _child(rpr, "w:lang").set(qn("w:val"), tag)


def page_field(paragraph: Paragraph) -> None:
    """A PAGE field: the page's number, as Word and LibreOffice count it."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "2"  # what a reader shows until it updates the field
            run._r.append(shown)


def has_page_field(section: Section) -> bool:
    """Whether the section's own page header numbers the pages."""
    header = section.header
    if header.is_linked_to_previous:
        return False
    xml = header._element.xml
    return ("PAGE" in xml and "fldChar" in xml) or "fldSimple" in xml


def number_pages(section: Section) -> None:
    """Page numbers centred at the top from page 2 (Decree 30: none on the first page):
    the first page has a header of its own, left empty."""
    section.different_first_page_header_footer = True
    if has_page_field(section):
        return
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(paragraph)


def mark_rows(table: Table, header_rows: int = 1) -> None:
    """No row split over two pages (a task and its reason read on one page), and the
    first `header_rows` repeated at the top of every page the table runs onto. In the
    order the schema wants them: cantSplit before tblHeader."""
    for n, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        for tag, wanted in (("w:cantSplit", True), ("w:tblHeader", n < header_rows)):
            if wanted:
                flag = OxmlElement(tag)
                flag.set(qn("w:val"), "true")
                trpr.append(flag)


def set_widths(table: Table, widths: list[Length]) -> None:
    """Fixed column widths (the grid and every cell: Word reads one, LibreOffice the
    other), so the columns are as planned whatever the text in them."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _text(text: str) -> str:
    """A cell's text as runs' XML: a line break of a cell of several lines (all of a
    task's notes) as Word's own break."""
    escaped = escape(text, {'"': "&quot;"})
    return escaped.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')


def body_rows(
    rows: Sequence[tuple[str, Sequence[str]]],
    numeric: Sequence[bool],
    widths: Sequence[Length],
    style_id: str,
) -> list[BaseOxmlElement]:
    """Table rows, each kept whole on a page, in the paragraph style `style_id`: a
    "body" row's cells with figures centred, a "total" row in bold, a "group" row's first
    cell across the table in bold and kept with the row after it. Written as XML at once:
    python-docx's calls take a second or more a thousand cells."""
    twips = [int(width) // 635 for width in widths]  # EMU to twentieths of a point
    style = f'<w:pStyle w:val="{_text(style_id)}"/>'
    parts = [f'<w:tbl xmlns:w="{_W}">']
    for kind, cells in rows:
        parts.append('<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>')
        if kind == "group":
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips)}" w:type="dxa"/>'
                f'<w:gridSpan w:val="{len(twips)}"/></w:tcPr>'
                f"<w:p><w:pPr>{style}<w:keepNext/></w:pPr>"
                f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{_text(cells[0])}</w:t>'
                "</w:r></w:p></w:tc></w:tr>"
            )
            continue
        bold = "<w:rPr><w:b/></w:rPr>" if kind == "total" else ""
        for text, width, centred in zip(cells, twips, numeric, strict=True):
            align = '<w:jc w:val="center"/>' if centred else ""
            run = f'<w:r>{bold}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>' if text else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p><w:pPr>{style}{align}</w:pPr>{run}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return list(parse_xml("".join(parts)))


def rule(cell: _Cell, length: Length, cell_width: Length) -> None:
    """A short solid line centred under the line above it (under the issuing body's name
    and the motto, as the decree draws them)."""
    paragraph = cell.add_paragraph()
    # The border first: python-docx puts the spacing and indents after it, in the
    # schema's order.
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(borders)
    else:
        ppr.insert(0, borders)
    side = max(0, (cell_width - length) // 2)
    paragraph.paragraph_format.left_indent = Length(side)
    paragraph.paragraph_format.right_indent = Length(side)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(3)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def text_width(section: Section) -> Length:
    """The width between the margins."""
    width = section.page_width or Mm(210)
    left = section.left_margin or Mm(30)
    right = section.right_margin or Mm(15)
    return Length(width - left - right)
