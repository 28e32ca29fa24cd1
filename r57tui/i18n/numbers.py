"""Numbers as each interface language writes them: vi `1.132` and `42,8%`, en `1,132`."""

from __future__ import annotations

from decimal import Decimal

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def _separators(language: str) -> tuple[str, str]:
    return _SEPARATORS.get(language, _SEPARATORS["en"])


def format_int(value: int, language: str = "en") -> str:
    thousands, _ = _separators(language)
    return f"{value:,}".replace(",", thousands)


def format_decimal(value: Decimal | float, decimals: int, language: str = "en") -> str:
    thousands, point = _separators(language)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", thousands)


def format_percent(value: Decimal | None, decimals: int = 0, language: str = "en") -> str:
    """`Decimal("42.8")` -> `42.8%` (en) / `42,8%` (vi); None (a share of nothing) -> `–`.

    Pass `share.percent(decimals)` from the roll-up, which does the rounding.
    """
    if value is None:
        return "–"
    return format_decimal(value, decimals, language) + "%"


MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash on a projector and in print


def signed_text(text: str, sign: int) -> str:
    """A change written with its sign: `+6`, `−2` (a real minus sign), `±0` for none."""
    if sign == 0:
        return "±0"
    return ("+" if sign > 0 else MINUS) + text


def signed_int(delta: int, language: str = "en") -> str:
    """`+12`, `−3` or `±0`: a change since the baseline."""
    return signed_text(format_int(abs(delta), language), (delta > 0) - (delta < 0))
