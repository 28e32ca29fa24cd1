"""Make the Word report's template, `r57tui/export/templates/report.docx`.

Run from the repository's top folder: `.venv/bin/python scripts/make_report_template.py`.

The template holds what a secretariat may want to restyle in Word without touching code:
the page (A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm, as Decree
30/2020/NĐ-CP sets them) and the styles the report is written in — Normal in Times New
Roman 14 pt, the body text with its first-line indent, the headings, the caption, the
header block, the table text and the table style. `[export] report_template` in the
settings names a copy edited in Word; the report keeps each style's name, so keep those.
The report takes every page's size and margins from the template's page, and turns the
appendices' pages landscape.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from r57tui.export.docx_format import STYLES, TABLE_STYLE
from r57tui.export.docx_parts import number_pages, set_fonts, set_language

TARGET = Path(__file__).resolve().parent.parent / "r57tui/export/templates/report.docx"
BLACK = RGBColor(0, 0, 0)

# name: (size pt, bold, italic, alignment, space before pt, space after pt, based on)
LOOKS: dict[str, tuple[float, bool, bool, WD_ALIGN_PARAGRAPH | None, float, float, str]] = {
    "Normal": (14, False, False, None, 0, 6, ""),
    "Body Text": (14, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6, "Normal"),
    "Heading 1": (14, True, False, WD_ALIGN_PARAGRAPH.LEFT, 12, 6, "Normal"),
    "Heading 2": (14, True, False, WD_ALIGN_PARAGRAPH.LEFT, 6, 6, "Normal"),
    "Caption": (13, False, True, WD_ALIGN_PARAGRAPH.CENTER, 3, 12, "Normal"),
    "Header": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, "Normal"),
    STYLES["block"]: (13, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, "Normal"),
    STYLES["kind"]: (14, True, False, WD_ALIGN_PARAGRAPH.CENTER, 18, 0, "Normal"),
    STYLES["subject"]: (14, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 18, "Normal"),
    STYLES["cell"]: (12, False, False, None, 2, 2, "Normal"),
    STYLES["cell_head"]: (12, True, False, WD_ALIGN_PARAGRAPH.CENTER, 2, 2, STYLES["cell"]),
    STYLES["figure"]: (14, False, False, WD_ALIGN_PARAGRAPH.CENTER, 6, 0, "Normal"),
    STYLES["recipients"]: (12, True, True, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, "Normal"),
    STYLES["recipient"]: (11, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, "Normal"),
    STYLES["signature"]: (14, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, "Normal"),
}


def _paragraph_style(document: Document, name: str) -> ParagraphStyle:  # type: ignore[valid-type]
    styles = document.styles
    if name in [style.name for style in styles]:
        return styles[name]
    return styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def make() -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    number_pages(section)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(default_rpr)
    set_language(default_rpr, "vi-VN")

    for name, (size, bold, italic, align, before, after, base) in LOOKS.items():
        style = _paragraph_style(document, name)
        if base:
            style.base_style = document.styles[base]
        font = style.font
        font.name = "Times New Roman"
        set_fonts(style.element.get_or_add_rPr())
        font.size, font.bold, font.italic = Pt(size), bold, italic
        font.color.rgb = BLACK
        form = style.paragraph_format
        form.alignment = align
        form.space_before, form.space_after = Pt(before), Pt(after)
        form.line_spacing_rule = WD_LINE_SPACING.SINGLE
        form.first_line_indent = Mm(10) if name == "Body Text" else None
        form.left_indent = None
        if name.startswith("Heading"):
            form.keep_with_next = True
        if name == "Heading 1":
            font.all_caps = True  # "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", as reports head them
        style.quick_style = True

    table = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table.base_style = document.styles["Table Grid"]
    table.font.name = "Times New Roman"
    table.font.size = Pt(12)

    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.core_properties.title = "r57tui report template"
    document.core_properties.author = "r57tui"
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(make())
