"""The documents' pictures: the charts as SVG read back with an XML parser (bars, labels
whole, feed text escaped, figures equal to the roll-up's), the report's figures as PNG
read back with Pillow (print size), and a picture that cannot be drawn said in one line."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from r57tui.demo import demo_feed_path
from r57tui.export.chart_data import MOST_OVERDUE, by_group, most_overdue
from r57tui.export.files import ExportError
from r57tui.export.png import PNG_SIGNATURE, svg_to_png, with_generic_families
from r57tui.export.report_figures import ReportFigure, chart_svgs, report_figures
from r57tui.export.svg_charts import LABELS_AT_MOST, text_width
from r57tui.feed import Feed, load_feed
from r57tui.groups import AgencyKind
from r57tui.i18n.numbers import format_int, format_percent
from r57tui.rollup import Bucket, Counts, Rollup, roll_up
from tests.builders import feed_dict, task, to_bytes

SVG = "{http://www.w3.org/2000/svg}"
OVERDUE_RED = "#F05A5A"


def demo() -> tuple[Feed, Rollup]:
    feed = load_feed(demo_feed_path().read_bytes())
    return feed, roll_up(feed)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element, kind: str) -> list[str]:
    """Each text of a kind, its lines (tspans) joined by a space."""
    return [
        " ".join(part.strip() for part in element.itertext() if part.strip())
        for element in root.iter(f"{SVG}text")
        if element.get("class") == kind
    ]


def lines_of(root: ET.Element, kind: str) -> list[list[str]]:
    return [
        [part for part in element.itertext() if part.strip()]
        for element in root.iter(f"{SVG}text")
        if element.get("class") == kind
    ]


def bars(root: ET.Element, colour: str) -> list[float]:
    return [float(r.get("width", 0)) for r in root.iter(f"{SVG}rect") if r.get("fill") == colour]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_most_overdue_chart_has_a_bar_per_agency_with_the_roll_ups_figure(
    language: str,
) -> None:
    feed, rollup = demo()
    (caption, svg), _ = chart_svgs(feed, rollup, language)
    root = parse(svg)
    # Independently of the chart's data: the agencies' overdue counts in the roll-up.
    names = {key: agency.display_name(language) for key, agency in feed.agencies.items()}
    overdue = sorted(
        (counts.overdue for counts in rollup.by_agency.values() if counts.overdue), reverse=True
    )[:MOST_OVERDUE]
    widths = bars(root, OVERDUE_RED)
    assert len(widths) == MOST_OVERDUE == len(overdue)
    values = texts(root, "value")
    assert values == [format_int(n, language) for n in overdue]
    labels = texts(root, "label")
    by_name = {names[a]: c.overdue for a, c in rollup.by_agency.items()}
    assert [by_name[label] for label in labels] == overdue  # each bar its agency's figure
    # The longest bar is the largest figure, and the bars are in proportion.
    assert widths[0] == max(widths)
    for width, n in zip(widths, overdue, strict=True):
        assert width / widths[0] == pytest.approx(n / overdue[0], abs=0.01)
    assert root.find(f"{SVG}title").text == caption  # type: ignore[union-attr]
    if language == "vi":
        assert caption == "Các cơ quan, địa phương có nhiều nhiệm vụ quá hạn nhất"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_group_chart_gives_each_states_share_as_the_roll_up_has_it(language: str) -> None:
    feed, rollup = demo()
    _, (caption, svg) = chart_svgs(feed, rollup, language)
    root = parse(svg)
    kinds = rollup.by_kind
    expected = [
        kinds[AgencyKind.MINISTRY],
        kinds[AgencyKind.BRANCH],
        kinds[AgencyKind.LOCALITY],
        kinds[AgencyKind.PARTY] + kinds[AgencyKind.OTHER],
    ]
    assert sum(expected, Counts()) == rollup.total
    assert texts(root, "total") == [format_int(c.assigned, language) for c in expected]
    shares = texts(root, "share")
    # Every part wide enough carries its share; the numbers are the roll-up's rounding.
    for counts in expected:
        for bucket in (Bucket.COMPLETED_ON_TIME, Bucket.ON_TIME):
            said = format_percent(counts.share(bucket).percent(), language=language)
            assert any(share.endswith(said) for share in shares), (said, shares)
    assert any(share.startswith("✓ ") for share in shares)
    assert any(share.startswith("◷ ") for share in shares)
    legend = texts(root, "legend")
    if language == "vi":
        assert legend == ["✓ Hoàn thành", "✓ Hoàn thành trễ hạn", "◷ Trong hạn", "! Quá hạn"]
        assert caption == "Tỷ lệ nhiệm vụ theo trạng thái, theo nhóm cơ quan"
        assert texts(root, "label") == ["Bộ, cơ quan ngang bộ", "Ngành", "Địa phương", "Khác"]
    else:
        assert legend == ["✓ Completed", "✓ Completed late", "◷ On time", "! Overdue"]
    # Each bar is whole: its four parts add up to the same length.
    lengths = [
        sum(
            float(r.get("width", 0))
            for r in root.iter(f"{SVG}rect")
            if r.get("y") == y and r.get("height") == "26"
        )
        for y in {r.get("y") for r in root.iter(f"{SVG}rect") if r.get("height") == "26"}
    ]
    assert len(lengths) == 4
    assert max(lengths) - min(lengths) < 0.5


LONG = (
    "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp thuộc Chính phủ <script>&amp; "
    "\"trọng điểm\" 'số 1'"
)
ONE_WORD = "Supercalifragilisticexpialidocious-Agency-With-One-Very-Long-Word-Name"


def odd_feed() -> tuple[Feed, Rollup]:
    agencies = [
        {"id": "A1", "name": LONG, "kind": "ministry"},
        {"id": "A2", "name": ONE_WORD, "kind": "branch"},
        {"id": "A3", "name": "Lai Châu\x1b[31m", "kind": "locality"},
    ]
    tasks = [
        task(f"T{i}", agency, due="2025-01-31")
        for i, agency in enumerate(["A1", "A1", "A2", "A3", "A3", "A3"])
    ]
    feed = load_feed(to_bytes(feed_dict(tasks, agencies=agencies)))
    return feed, roll_up(feed)


def test_feed_names_stay_text_whole_and_within_their_column() -> None:
    feed, rollup = odd_feed()
    (_, ranked), (_, stacked) = chart_svgs(feed, rollup, "vi")
    root = parse(ranked)  # it parses: nothing of the names became markup
    assert {e.tag for e in root.iter()} == {
        f"{SVG}{tag}" for tag in ("svg", "title", "rect", "line", "text", "tspan")
    }
    labels = lines_of(root, "label")
    # Most overdue first: Lai Châu 3, then the long name 2, then the one-word name 1.
    assert " ".join(labels[1]) == LONG
    assert "".join(labels[2]) == ONE_WORD  # split where it had to be, every letter kept
    assert len(labels[2]) > 1
    assert "\x1b" not in ranked  # a control character is shown, never written raw
    assert labels[0][0].startswith("Lai Châu")
    for lines in labels:
        for line in lines:
            assert text_width(line) <= LABELS_AT_MOST
    assert texts(root, "value") == ["3", "2", "1"]
    assert "<script>" not in ranked
    assert "&lt;script&gt;&amp;amp;" in ranked
    parse(stacked)


def test_a_feed_with_nothing_overdue_has_only_the_group_chart() -> None:
    tasks = [task("T1", due="2099-12-31"), task("T2", "LAI-CHAU", due="2099-12-31")]
    feed = load_feed(to_bytes(feed_dict(tasks)))
    rollup = roll_up(feed)
    assert most_overdue(feed, rollup, "vi") == ()
    assert len(by_group(feed, rollup, "vi")) == 2
    [(caption, _)] = chart_svgs(feed, rollup, "en")
    assert caption == "Share of tasks by state, by agency group"


def test_the_report_figures_are_pngs_at_print_resolution() -> None:
    feed, rollup = demo()
    figures = report_figures(feed, rollup, "vi")
    assert [f.caption for f in figures] == [
        "Các cơ quan, địa phương có nhiều nhiệm vụ quá hạn nhất",
        "Tỷ lệ nhiệm vụ theo trạng thái, theo nhóm cơ quan",
    ]
    svgs = [svg for _, svg in chart_svgs(feed, rollup, "vi")]
    for figure, svg in zip(figures, svgs, strict=True):
        assert isinstance(figure, ReportFigure)
        assert figure.png.startswith(PNG_SIGNATURE)
        with Image.open(io.BytesIO(figure.png)) as image:
            dpi = image.width / (figure.width_mm / 25.4)
            assert 150 <= dpi <= 200
            root = parse(svg)
            ratio = float(root.get("height", 0)) / float(root.get("width", 0))
            assert image.height / image.width == pytest.approx(ratio, abs=0.01)
            # Drawn, not blank: white paper, the states' colours, text.
            colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
            assert colours is not None
            assert len(colours) > 20


def test_a_picture_that_cannot_be_drawn_is_one_line_in_either_language() -> None:
    for bad in ("<svg", "not an svg", '<svg xmlns="http://www.w3.org/2000/svg" width="0"/>'):
        with pytest.raises(ExportError) as raised:
            svg_to_png(bad)
        said = str(raised.value)
        assert "\n" not in said
        assert said.startswith("cannot draw the PNG picture: "), said
        assert len(said) > len("cannot draw the PNG picture: ")
        assert raised.value.text("vi").startswith("không vẽ được ảnh PNG: ")


def test_every_font_list_ends_in_a_generic_family_the_shipped_fonts_answer() -> None:
    textual = ".terminal-title { font-size: 18px; font-family: arial; }"
    assert "font-family: arial, sans-serif;" in with_generic_families(textual)
    kept = ".terminal-matrix { font-family: Fira Code, monospace; }"
    assert with_generic_families(kept) == kept
    attribute = "<text font-family=\"'Some Font', Other\">x</text>"
    assert with_generic_families(attribute) == (
        "<text font-family=\"'Some Font', Other, sans-serif\">x</text>"
    )
    # Drawn only with the shipped fonts, a list of fonts that are not there still shows.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
        '<rect width="200" height="40" fill="#FFFFFF"/>'
        '<text x="4" y="28" font-size="24" font-family="NoSuchFont" fill="#000000">Quá hạn</text>'
        "</svg>"
    )
    with Image.open(io.BytesIO(svg_to_png(svg))) as image:
        assert image.convert("L").getextrema()[0] < 64  # dark pixels: the text was drawn
