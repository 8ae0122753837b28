"""Rounding-aware consistency checks on hand-built reports (no PDF, no extractor)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from kompass_extract import checks
from kompass_extract.checks import run_checks
from kompass_extract.models import REPORT_PARTS, CheckResult
from kompass_extract.rules.frameworks import Framework, FrameworkArea, FrameworkQuestion
from tests.checks_reports import (
    amal_report,
    drop_question,
    load_amal_overview,
    make_area,
    make_report,
    replace_area,
    replace_question,
)

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference"


def errors(findings: list[CheckResult]) -> list[CheckResult]:
    return [f for f in findings if f.severity == "error"]


def keyed(findings: list[CheckResult], severity: str) -> set[tuple[str, int | None, str | None]]:
    return {(f.check, f.area_no, f.question_id) for f in findings if f.severity == severity}


# --- the reference report ---------------------------------------------------------------------


def test_reference_report_has_no_errors_and_no_warnings() -> None:
    findings = run_checks(amal_report())
    assert keyed(findings, "error") == set()
    assert keyed(findings, "warning") == set()


def test_reference_rounding_quirks_are_explained_as_info() -> None:
    infos = keyed(run_checks(amal_report()), "info")
    assert ("percent_vs_points", 3, "3.1") in infos  # 10 of 15 printed with 70 %
    assert ("percent_vs_points", 5, "5.6") in infos  # 10 of 10 printed with 95 %
    assert {("questions_sum", n, None) for n in (5, 6, 7)} <= infos  # 52, 65, 43 vs 51, 64, 42


def _reference_section_4() -> str:
    text = (REFERENCE / "amal-2019-report.txt").read_text(encoding="utf-8")
    return text[text.index("4. Översikt av poängfördelning") :]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is absent")
def test_fixture_matches_the_reference_text() -> None:
    """The hand transcription against the figures printed in section 4 of the reference."""
    # a question: its id at a line start, then (over wrapped lines) its first "p m pct %"
    rows = regex.findall(r"(?ms)^(\d+\.\d+) .*?(\d+)\s+(\d+)\s+(\d+)\s*%", _reference_section_4())
    totals = regex.findall(r"(?m)^\s+(\d+) 100 (\d+) %", _reference_section_4())
    printed = [[qid, int(p), int(m), int(pct)] for qid, p, m, pct in rows]
    overview = load_amal_overview()
    assert printed == [q for area in overview["areas"] for q in area["questions"]]
    assert [[int(t), 100, int(pct)] for t, pct in totals] == [a["total"] for a in overview["areas"]]


# --- box_vs_overview --------------------------------------------------------------------------


def test_box_score_differing_from_total_is_an_error_naming_the_gap() -> None:
    report = amal_report()
    report = replace_area(report, report.area(5).model_copy(update={"score": 58}))
    [finding] = checks.box_vs_overview(report)
    assert (finding.severity, finding.area_no, finding.beyond_rounding) == ("error", 5, 7)
    assert (finding.expected, finding.actual) == ("51", "58")


def test_box_score_against_a_total_printed_with_decimals_uses_intervals() -> None:
    report = amal_report()
    within = replace_area(report, report.area(1).model_copy(update={"overview_total": 54.6}))
    beyond = replace_area(report, report.area(1).model_copy(update={"overview_total": 54.4}))
    assert checks.box_vs_overview(within) == []
    [finding] = checks.box_vs_overview(beyond)
    assert finding.beyond_rounding == pytest.approx(0.05)


def test_missing_overview_total_is_a_warning() -> None:
    report = amal_report()
    report = replace_area(report, report.area(2).model_copy(update={"overview_total": None}))
    assert keyed(checks.box_vs_overview(report), "warning") == {("box_vs_overview", 2, None)}


# --- points_within_max ------------------------------------------------------------------------


def test_points_over_max_are_an_error_by_the_least_excess() -> None:
    report = replace_question(amal_report(), "4.2", points=14.0, percent=140.0)
    [finding] = checks.points_within_max(report)
    assert (finding.severity, finding.area_no, finding.question_id) == ("error", 4, "4.2")
    assert finding.beyond_rounding == pytest.approx(3.95)  # 139.5 % of 10 is 13.95


def test_full_points_are_within_max() -> None:
    assert checks.points_within_max(amal_report()) == []  # 8.3 prints 15 of 15, 100 %


def test_area_total_over_its_max_is_an_error() -> None:
    report = amal_report()
    report = replace_area(report, report.area(8).model_copy(update={"overview_total": 102.0}))
    assert keyed(checks.points_within_max(report), "error") == {("points_within_max", 8, None)}


# --- percent_vs_points ------------------------------------------------------------------------


def test_percent_that_cannot_follow_from_points_is_an_error() -> None:
    report = replace_question(amal_report(), "2.3", percent=35.0)  # 13 of 20
    [finding] = errors(checks.percent_vs_points(report))
    assert (finding.area_no, finding.question_id) == (2, "2.3")
    # 35 % of 20 is 6.9-7.1 points; a printed 13 is at least 12.5
    assert finding.beyond_rounding == pytest.approx(5.4)
    assert "off by at least 5.4 points" in finding.message


@pytest.mark.parametrize(
    ("percent", "is_error"),
    [(74.0, False), (73.8, False), (73.9, True), (72.5, False), (71.25, False), (71.1, True)],
)
def test_percent_with_decimals_is_held_to_its_printed_precision(
    percent: float, is_error: bool
) -> None:
    # 29 of 40 stands for 28.5-29.5 points, i.e. 71.25-73.75 %.
    area = make_area(
        1, "Offentlighet och demokrati", 29, [29.0, 40.0, 72.5], [["1.1", 29.0, 40.0, percent]]
    )
    found = errors(checks.percent_vs_points(make_report([area])))
    assert bool(found) is is_error


def test_missing_percent_column_is_one_warning() -> None:
    report = amal_report()
    for area in report.areas:
        for question in area.questions:
            report = replace_question(report, question.question_id, percent=None)
    findings = checks.percent_vs_points(report)
    assert [(f.severity, f.area_no) for f in findings] == [("warning", None)]


def test_question_without_points_is_a_warning_and_its_percent_feeds_the_sum() -> None:
    report = replace_question(amal_report(), "1.1", points=None)
    assert keyed(checks.percent_vs_points(report), "warning") == {("percent_vs_points", 1, "1.1")}
    assert errors(checks.questions_sum(report)) == []


# --- questions_sum ----------------------------------------------------------------------------


def test_questions_far_from_the_total_are_an_error_with_the_least_gap() -> None:
    report = amal_report()
    report = replace_area(
        report,
        report.area(3).model_copy(
            update={"score": 70, "overview_total": 70.0, "overview_percent": 70.0}
        ),
    )
    [finding] = errors(checks.questions_sum(report))
    assert finding.area_no == 3
    # each question's upper bound: the lower of its points' and its percent's (3.1: 10.5 by
    # its points, 3.2: 30 % of 25 at most 7.625 ...); the total is at least 69.5
    upper = 10.5 + 7.625 + 12.125 + 18.9 + 10.875
    assert finding.beyond_rounding == pytest.approx(69.5 - upper)


def test_rounded_question_points_may_exceed_the_total_by_rounding() -> None:
    findings = checks.questions_sum(amal_report())
    assert errors(findings) == []
    assert {f.area_no for f in findings} == {5, 6, 7}


def test_a_dropped_question_is_allowed_for_by_the_unprinted_maxima() -> None:
    findings = checks.questions_sum(drop_question(amal_report(), "7.3"))
    assert keyed(findings, "error") == set()
    assert ("questions_sum", 7, None) in keyed(findings, "warning")


def test_question_maxima_above_the_area_max_are_an_error() -> None:
    report = replace_question(amal_report(), "1.5", max_points=20.0)
    assert ("questions_sum", 1, None) in keyed(checks.questions_sum(report), "error")


def test_question_without_any_figure_still_bounds_the_sum_by_its_max() -> None:
    report = replace_question(amal_report(), "8.3", points=None, percent=None)
    assert errors(checks.questions_sum(report)) == []


# --- overview_percent -------------------------------------------------------------------------


def test_area_percent_against_total() -> None:
    report = amal_report()
    assert checks.overview_percent(report) == []
    report = replace_area(report, report.area(1).model_copy(update={"overview_percent": 65.0}))
    [finding] = checks.overview_percent(report)
    assert (finding.severity, finding.area_no, finding.beyond_rounding) == ("error", 1, 9)


# --- question_ids -----------------------------------------------------------------------------


def test_a_gap_in_the_numbering_names_the_missing_id() -> None:
    report = drop_question(amal_report(), "7.3")
    assert keyed(checks.question_ids(report), "error") == {("question_ids", 7, "7.3")}


def test_a_missing_last_question_is_found_through_the_framework() -> None:
    report = drop_question(amal_report(), "8.7")
    assert keyed(checks.question_ids(report), "error") == {("question_ids", 8, "8.7")}
    unknown = report.model_copy(update={"framework": "unknown"})
    assert checks.question_ids(unknown) == []


def test_duplicate_foreign_and_unordered_ids_are_errors() -> None:
    report = replace_question(amal_report(), "1.2", question_id="1.3")
    report = replace_question(report, "2.2", question_id="3.2")
    report = replace_question(report, "4.4", question_id="4.6")
    report = replace_question(report, "4.6", question_id="4.4")
    found = keyed(checks.question_ids(report), "error")
    assert ("question_ids", 1, "1.3") in found  # printed twice
    assert ("question_ids", 2, "3.2") in found  # under the wrong area
    assert ("question_ids", 4, "4.4") in found or ("question_ids", 4, "4.6") in found


# --- known_framework --------------------------------------------------------------------------


def small_registry() -> tuple[Framework, ...]:
    areas = tuple(
        FrameworkArea(
            number=n,
            key=f"test.area_{n}",
            name=f"Provområde {n}",
            max_points=100,
            questions=(
                FrameworkQuestion(question_id=f"{n}.1", max_points=60),
                FrameworkQuestion(question_id=f"{n}.2", max_points=40),
            ),
        )
        for n in range(1, 9)
    )
    return (
        Framework(
            name="test",
            title="Test revision",
            first_year=2000,
            names_confirmed=False,
            contents=REPORT_PARTS,
            areas=areas,
        ),
    )


def test_unknown_framework_is_one_warning_and_no_error() -> None:
    report = amal_report().model_copy(update={"framework": "unknown"})
    assert [f.severity for f in checks.known_framework(report)] == ["warning"]
    assert errors(run_checks(report)) == []


def test_names_and_question_set_are_compared_with_the_registry() -> None:
    areas = [
        make_area(
            n,
            f"Provområde {n}",
            50,
            [50.0, 100.0, 50.0],
            [[f"{n}.1", 30.0, 60.0, 50.0], [f"{n}.2", 20.0, 40.0, 50.0]],
        )
        for n in range(1, 9)
    ]
    areas[1] = areas[1].model_copy(update={"area_name": "Något helt annat"})
    report = make_report(areas, framework="test")
    report = replace_question(report, "3.2", max_points=35.0)
    findings = checks.known_framework(report, small_registry())
    assert keyed(findings, "warning") == {
        ("known_framework", 2, None),
        ("known_framework", 3, "3.2"),
    }
    assert keyed(findings, "error") == set()


def test_reference_names_match_the_package_registry() -> None:
    assert checks.known_framework(amal_report()) == []


# --- areas_sum --------------------------------------------------------------------------------


def test_areas_sum_against_the_framework_maximum() -> None:
    report = amal_report()
    assert checks.areas_sum(report) == []
    report = replace_area(
        report, report.area(2).model_copy(update={"overview_max": 90.0, "max_score": 90})
    )
    assert ("areas_sum", None, None) in keyed(checks.areas_sum(report), "error")


def test_missing_and_repeated_areas() -> None:
    report = amal_report()
    missing = report.model_copy(update={"areas": report.areas[:7]})
    assert keyed(checks.areas_sum(missing), "warning") == {("areas_sum", 8, None)}
    repeated = report.model_copy(update={"areas": (*report.areas, report.area(8))})
    assert ("areas_sum", 8, None) in keyed(checks.areas_sum(repeated), "error")


def test_printed_report_total_against_the_areas() -> None:
    areas = amal_report().areas  # totals 55 46 60 54 51 64 42 81 = 453
    assert checks.total_vs_areas(453, areas) == []
    assert checks.total_vs_areas(456, areas) == []  # 8 totals of +-0.5 allow +-4
    [finding] = checks.total_vs_areas(460, areas)
    assert finding.beyond_rounding == pytest.approx(2.5)  # 459.5 against at most 457


# --- never raising ----------------------------------------------------------------------------


def test_a_report_with_no_figures_gives_warnings_not_exceptions() -> None:
    bare = make_area(
        1, "Offentlighet och demokrati", None, [None, None, None], [["1.1", None, None, None]]
    )
    findings = run_checks(make_report([bare], framework="unknown"))
    assert findings and errors(findings) == []


def test_a_failing_check_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(report: object) -> list[CheckResult]:
        raise ValueError("boom")

    monkeypatch.setitem(checks.CHECKS, "broken", broken)
    [finding] = [f for f in run_checks(amal_report()) if f.check == "broken"]
    assert finding.severity == "warning" and "boom" in finding.message


# --- the sample PDFs --------------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def expected_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.expected.json"))


@pytest.mark.slow
@pytest.mark.parametrize("expected_file", expected_files(), ids=lambda p: p.name)
def test_sample_errors_are_exactly_the_planted_ones(expected_file: Path) -> None:
    """Correct samples give no error; a sample with planted mistakes gives exactly those."""
    import json

    from kompass_extract import extract_report

    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    planted = {
        (e["check"], e["area_no"], e["question_id"]) for e in expected.get("planted_errors", [])
    }
    report = extract_report(SAMPLES / expected["sample"])
    assert keyed(run_checks(report), "error") == planted


def test_parse_notes_become_extraction_warnings_and_unknown_framework_is_not_repeated() -> None:
    from kompass_extract.checks import extraction
    from kompass_extract.models import ParseNote
    from tests.checks_reports import amal_report

    report = amal_report().model_copy(
        update={
            "notes": (
                ParseNote(
                    code="no_score_box", message="no 'Rubriker | Poäng' box", page=12, area_no=2
                ),
                ParseNote(code="unknown_framework", message="the area names match no revision"),
            )
        }
    )
    (finding,) = extraction(report)
    assert (finding.check, finding.severity, finding.area_no) == ("extraction", "warning", 2)
    assert finding.message == "no_score_box: no 'Rubriker | Poäng' box (page 12)"
    assert finding.question_id is None


def test_an_extraction_warning_names_the_question_its_note_names() -> None:
    from kompass_extract.checks import extraction
    from kompass_extract.models import ParseNote
    from tests.checks_reports import amal_report

    note = ParseNote(
        code="question_row_doubt", message="row read with doubt", page=37, question_id="1.2"
    )
    (finding,) = extraction(amal_report().model_copy(update={"notes": (note,)}))
    assert (finding.area_no, finding.question_id) == (None, "1.2")
