"""The export formats are declared once (r57tui/export/formats.py): the settings and the
`export` command take exactly the registry's ids."""

from __future__ import annotations

from typing import get_args

import pytest

from r57tui import config
from r57tui.commands.parser import build_parser
from r57tui.export import FORMATS


def test_the_settings_take_the_registry_s_format_ids() -> None:
    assert set(get_args(config.ExportFormat)) == set(FORMATS)


def test_export_format_takes_the_registry_s_ids_and_names_them_when_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = build_parser()
    for fmt in FORMATS:
        assert parser.parse_args(["export", "--format", fmt]).fmt == fmt
    with pytest.raises(SystemExit) as refused:
        parser.parse_args(["export", "--format", "pdf"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    for fmt in FORMATS:
        assert repr(fmt) in err, err


def test_each_format_has_its_own_id_and_extension() -> None:
    assert all(form.id == key for key, form in FORMATS.items())
    assert len({form.ext for form in FORMATS.values()}) == len(FORMATS)
