"""The reports table carries each report's verdict and completeness."""

from __future__ import annotations

from kompass_extract.dataset.tables import reports_to_frames
from tests.verdict_reports import report_from_expected, update_area, without_area


def test_the_reports_table_has_the_verdict_and_the_completeness_of_each_report() -> None:
    whole = report_from_expected("exempelstad-2021")
    seven = without_area(whole, 5).model_copy(update={"report_id": "seven", "sha256": "1" * 64})
    wrong = update_area(whole, 3, score=76).model_copy(
        update={"report_id": "wrong", "sha256": "2" * 64}
    )
    reports = reports_to_frames([whole, seven, wrong])["reports"].set_index("report_id")
    assert reports.loc[whole.report_id, "verdict"] == "adds_up"
    assert reports.loc[whole.report_id, "completeness"] == 1.0
    assert reports.loc["seven", "verdict"] == "incomplete"
    assert reports.loc["seven", "completeness"] == round(43 / 49, 4)
    assert reports.loc["seven", ["total_score", "max_total"]].isna().all()
    assert reports.loc["wrong", "verdict"] == "does_not_add_up"
