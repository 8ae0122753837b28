"""LayoutSettings: every tolerance named, with unit, default and reason, and validated."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace

import pytest

from kompass_extract.settings import (
    DEFAULT_SETTINGS,
    LayoutSettings,
    LayoutSettingsError,
    describe_settings,
)

UNITS = {"pt", "em", "pitch", "share", "lines", "pages", "gaps"}


def test_every_tolerance_has_a_unit_and_a_reason() -> None:
    rows = describe_settings()
    assert [name for name, *_ in rows] == [spec.name for spec in fields(LayoutSettings)]
    assert {unit for _, _, unit, _ in rows} <= UNITS
    assert all(len(reason) > 20 for *_, reason in rows)


def test_the_defaults_are_valid_and_frozen() -> None:
    assert LayoutSettings() == DEFAULT_SETTINGS
    with pytest.raises(FrozenInstanceError):
        DEFAULT_SETTINGS.word_gap = 1.0  # type: ignore[misc]


def test_a_changed_value_inside_its_bounds_is_kept() -> None:
    settings = replace(DEFAULT_SETTINGS, paragraph_gap=1.5, evaluator_lines=3)
    assert (settings.paragraph_gap, settings.evaluator_lines) == (1.5, 3)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("word_gap", 25, r"word_gap = 25: must be > 0 and <= 2 \(em\)"),
        ("word_gap", 0, "must be > 0"),
        ("margin_band", 0.6, r"<= 0.5 \(share\)"),
        ("paragraph_gap", 1.0, r"must be > 1 and <= 10 \(pitch\)"),
        ("evaluator_lines", 0, r"must be >= 1 and <= 1000 \(lines\)"),
        ("evaluator_lines", 7.0, r"must be a whole number \(lines\)"),
        ("box_column_slack", True, "must be a number"),
        ("box_column_slack", "12", "must be a number"),
        ("pitch_min", 3.5, "must be below pitch_max"),
        ("text_left_quantile", 0.96, "must be below text_right_quantile"),
    ],
)
def test_a_value_out_of_range_names_the_setting(name: str, value: object, message: str) -> None:
    with pytest.raises(LayoutSettingsError, match=message) as caught:
        replace(DEFAULT_SETTINGS, **{name: value})
    assert caught.value.name == name and caught.value.value == value
    assert isinstance(caught.value, ValueError)


def test_every_setting_refuses_a_negative_value() -> None:
    for spec in fields(LayoutSettings):
        with pytest.raises(LayoutSettingsError, match=spec.name):
            replace(DEFAULT_SETTINGS, **{spec.name: -1})
