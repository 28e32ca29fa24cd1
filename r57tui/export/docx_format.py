"""The Word report (.docx), written with python-docx on a template shipped in the package
(templates/report.docx, made by scripts/make_report_template.py) or the settings' own
(`[export] report_template`): the template gives the page and every style, so a
secretariat restyles the report in Word; this module only places the report's blocks
(report_content.py) in the decree's order.

Layout of Decree 30/2020/NĐ-CP: the header block (the issuing body and the number on the
left; the national name, the motto, place and date on the right, each with its short
rule), "BÁO CÁO" and the subject, the body, "Nơi nhận" and the signature left to fill;
page numbers centred at the top from page 2; each appendix on A4 landscape pages.
"""

from __future__ import annotations

import io
from pathlib import Path
from zipfile import BadZipFile

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.table import _Cell

from ..i18n.message import Message
from .docx_parts import body_rows, mark_rows, number_pages, rule, set_widths, text_width
from .files import ExportError
from .report_model import Appendix, Block, Grid, Heading, Para, Picture, Report

# The styles the report is written in, by what each is for: a template must have them.
STYLES = {
    "body": "Body Text",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "caption": "Caption",
    "block": "Report Header Block",
    "kind": "Report Kind",
    "subject": "Report Subject",
    "cell": "Table Text",
    "cell_head": "Table Heading",
    "figure": "Figure",
    "recipients": "Recipients",
    "recipient": "Recipients List",
    "signature": "Signature",
}
TABLE_STYLE = "Report Table"
TEMPLATE = Path(__file__).parent / "templates" / "report.docx"
# The short rule under the issuing body's name (a third of its line or so).
ISSUER_RULE = Mm(25)
# About the width of one letter of the motto (14 pt bold), to draw its rule as long.
MOTTO_LETTER = Mm(2.45)


def open_template(path: Path | None) -> DocumentObject:
    """The template, its body emptied; ExportError (one line, naming the file) when it is
    missing, not a Word document, or lacks a style the report is written in."""
    where = path if path is not None else TEMPLATE
    if not where.is_file():
        raise ExportError(Message.of("{path}: no such report template", path=str(where)))
    try:
        document = Document(str(where))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError):
        raise ExportError(
            Message.of(
                "{path}: not a Word document (.docx) to write the report on", path=str(where)
            )
        ) from None
    names = {style.name for style in document.styles}
    for name in (*STYLES.values(), TABLE_STYLE):
        if name not in names:
            raise ExportError(
                Message.of(
                    "{path}: the report template has no style {style}",
                    path=str(where),
                    style=repr(name),
                )
            )
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class _Writer:
    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        self.ids = {key: document.styles[name].style_id for key, name in STYLES.items()}
        self.table_style = document.styles[TABLE_STYLE]

    def para(self, text: str, style: str, *, bold: bool = False, italic: bool = False) -> None:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.ids[style]
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None

    def cell_lines(self, cell: _Cell, lines: list[tuple[str, str, bool, bool]]) -> None:
        """Lines in a cell: (text, style, bold, italic) each."""
        first = True
        for text, style, bold, italic in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph._p.style = self.ids[style]
            if text:
                run = paragraph.add_run(text)
                run.bold = bold or None
                run.italic = italic or None

    def header_block(self, report: Report, width: Length) -> None:
        # The national name on one line at 12 pt takes some 105 mm.
        left, right = Length(int(width * 0.36)), Length(width - int(width * 0.36))
        table = self.document.add_table(rows=1, cols=2)
        set_widths(table, [left, right])
        issuer, motto = table.cell(0, 0), table.cell(0, 1)
        self.cell_lines(issuer, [(report.issuer, "block", True, False)])
        rule(issuer, ISSUER_RULE, left)
        number = issuer.add_paragraph()
        number._p.style = self.ids["block"]
        number.paragraph_format.space_before = Pt(6)
        number.add_run(report.number)
        self.cell_lines(
            motto, [(report.nation, "block", True, False), (report.motto, "block", True, False)]
        )
        motto.paragraphs[0].runs[0].font.size = Pt(12)  # the decree's 12-13 pt
        motto.paragraphs[-1].runs[0].font.size = Pt(14)
        rule(motto, min(Length(MOTTO_LETTER * len(report.motto)), right), right)
        date_line = motto.add_paragraph()
        date_line._p.style = self.ids["block"]
        date_line.paragraph_format.space_before = Pt(6)
        run = date_line.add_run(report.place_date)
        run.italic, run.font.size = True, Pt(14)

    def block(self, block: Block, width: Length) -> None:
        if isinstance(block, Heading):
            self.para(block.text, "h1" if block.level == 1 else "h2")
        elif isinstance(block, Para):
            self.para(block.text, "body")
        elif isinstance(block, Grid):
            self.grid(block, width)
        elif isinstance(block, Picture):
            paragraph = self.document.add_paragraph()
            paragraph._p.style = self.ids["figure"]
            picture_width = min(Length(Mm(block.width_mm)), width)
            paragraph.add_run().add_picture(io.BytesIO(block.png), width=picture_width)
            self.para(block.caption, "caption")

    def grid(self, grid: Grid, width: Length) -> None:
        """A table: its header row repeated on every page, no row split, figures centred,
        an agency's row across the table, the totals in bold."""
        table = self.document.add_table(rows=1, cols=len(grid.columns))
        table.style = self.table_style
        widths = column_widths(grid, width)
        set_widths(table, widths)
        for cell, column in zip(table.rows[0].cells, grid.columns, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = self.ids["cell_head"]
            paragraph.add_run(column.header)
        mark_rows(table)
        # The body rows as XML at once: a report of a national feed lists tens of
        # thousands of rows, which python-docx's cell by cell calls take minutes over.
        numeric = [column.numeric for column in grid.columns]
        for row in body_rows(
            [(row.kind, row.cells) for row in grid.rows], numeric, widths, self.ids["cell"]
        ):
            table._tbl.append(row)
        self.spacer()

    def spacer(self) -> None:
        """A small empty paragraph after a table: two tables never run together, and one
        ending at a page's foot leaves no empty page after it."""
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.ids["body"]
        form = paragraph.paragraph_format
        form.space_before, form.space_after = Pt(0), Pt(4)
        form.line_spacing = Pt(2)

    def closing(self, report: Report, width: Length) -> None:
        """ "Nơi nhận:" on the left, the signer's block on the right, both left to fill."""
        left, right = Length(int(width * 0.45)), Length(width - int(width * 0.45))
        table = self.document.add_table(rows=1, cols=2)
        set_widths(table, [left, right])
        head, *lines = report.recipients
        self.cell_lines(
            table.cell(0, 0),
            [
                (head, "recipients", False, False),
                *((line, "recipient", False, False) for line in lines),
            ],
        )
        office, sign, *rest = report.signature
        self.cell_lines(
            table.cell(0, 1),
            [
                (office, "signature", False, False),
                (sign, "signature", False, True),
                *((line, "signature", False, False) for line in rest),
            ],
        )
        table.cell(0, 1).paragraphs[1].runs[0].bold = False
        mark_rows(table, header_rows=0)  # whole on one page

    def appendix(self, appendix: Appendix) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _landscape(section)
        # The page number continues on every page of an appendix, its first included.
        section.different_first_page_header_footer = False
        self.para(appendix.title, "kind")
        self.para(appendix.subject, "subject")
        if appendix.note:
            self.document.paragraphs[-1].paragraph_format.space_after = Pt(0)
            self.para(appendix.note, "block", italic=True)
            self.document.paragraphs[-1].paragraph_format.space_after = Pt(12)
        self.grid(appendix.grid, text_width(section))


def column_widths(grid: Grid, width: Length) -> list[Length]:
    """The fixed columns as they ask; the others share what is left by their weights
    (every column by weight when that would leave a text column under 20 mm)."""
    fixed = sum(Mm(c.mm) for c in grid.columns if c.mm is not None)
    free = [c for c in grid.columns if c.mm is None]
    if not free or width - fixed < Mm(20) * len(free):
        weight = sum(c.weight for c in grid.columns)
        return [Length(int(width * c.weight / weight)) for c in grid.columns]
    weight = sum(c.weight for c in free)
    rest = width - fixed
    return [
        Length(Mm(c.mm) if c.mm is not None else int(rest * c.weight / weight))
        for c in grid.columns
    ]


def _landscape(section: Section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_docx(report: Report, template: Path | None = None) -> bytes:
    """The report as a Word file on `template` (None: the one shipped)."""
    document = open_template(template)
    section = document.sections[0]
    number_pages(section)
    width = text_width(section)
    writer = _Writer(document)
    writer.header_block(report, width)
    writer.para(report.kind, "kind")
    writer.para(report.subject, "subject")
    for block in report.body:
        writer.block(block, width)
    # The signature never alone on a page: the body's last paragraph goes with it.
    last = document.paragraphs[-1].paragraph_format
    last.keep_with_next, last.space_after = True, Pt(12)
    writer.closing(report, width)
    for appendix in report.appendices:
        writer.appendix(appendix)
    properties = document.core_properties
    # The file's properties hold at most 255 characters each.
    properties.title = _cut(report.subject, 255)
    properties.author = _cut(report.issuer, 255)
    properties.language = "vi-VN" if report.language == "vi" else "en-GB"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
