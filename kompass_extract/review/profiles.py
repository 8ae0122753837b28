"""A report's profile: its eight area scores beside the build's mean and its earlier evaluations.

The mean is taken over the reports of the build in the same framework revision (area N is the
same area only within a revision; ``reports.framework``), each area over the reports that have
its score. Earlier evaluations are the build's reports of the same municipality (by
``municipality_code``, or by name where the code is empty) with an earlier ``evaluation_year``.
Pure functions of the ``reports`` and ``areas`` frames (as ``kompass_extract.load`` gives them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kompass_extract.review.places import known

AREA_NUMBERS = tuple(range(1, 9))


@dataclass(frozen=True)
class Series:
    """One line of a profile: ``label``, a score per area of ``AREA_NUMBERS`` (None where not
    read), and its ``role``: ``report``, ``mean`` or ``earlier``."""

    label: str
    scores: tuple[float | None, ...]
    role: str


@dataclass(frozen=True)
class Profile:
    """What the profile chart shows: the areas' names (of this report), the highest score an
    area can have (``max_score``, points), and the series, this report's first."""

    names: tuple[str, ...]
    max_score: float
    series: tuple[Series, ...]


def area_scores(areas: pd.DataFrame, report_id: str) -> tuple[float | None, ...]:
    """The score of each area 1-8 of a report (None for an area not read or without score)."""
    own = areas[areas["report_id"] == report_id]
    found = {int(r.area_no): r.score for r in own.itertuples() if known(r.score)}
    return tuple(float(found[n]) if n in found else None for n in AREA_NUMBERS)


def mean_scores(areas: pd.DataFrame, report_ids: list[str]) -> tuple[float | None, ...]:
    """The mean score of each area 1-8 over ``report_ids`` (None where none has a score)."""
    own = areas[areas["report_id"].isin(report_ids)].dropna(subset=["score"])
    means = own.groupby(own["area_no"].astype(int))["score"].mean()
    return tuple(float(means[n]) if n in means.index else None for n in AREA_NUMBERS)


def same_municipality(reports: pd.DataFrame, report: pd.Series) -> pd.Series:
    """A mask of the reports of the same municipality as ``report`` (by code, else by name)."""
    if known(report["municipality_code"]):
        return reports["municipality_code"] == report["municipality_code"]
    if not known(report["municipality"]):
        return reports["report_id"] == report["report_id"]
    return reports["municipality"].str.casefold() == str(report["municipality"]).casefold()


def earlier_reports(reports: pd.DataFrame, report: pd.Series) -> pd.DataFrame:
    """The same municipality's reports with an earlier evaluation year, oldest first."""
    if not known(report["evaluation_year"]):
        return reports.iloc[0:0]
    mask = same_municipality(reports, report).fillna(False).astype(bool)
    years = reports["evaluation_year"]
    mask &= years.notna() & (years < report["evaluation_year"]).fillna(False).astype(bool)
    return reports[mask].sort_values(["evaluation_year", "report_id"])


def report_profile(reports: pd.DataFrame, areas: pd.DataFrame, report_id: str) -> Profile:
    """The profile of one report of the build (``KeyError`` for an id not in ``reports``)."""
    matching = reports[reports["report_id"] == report_id]
    if matching.empty:
        raise KeyError(report_id)
    report = matching.iloc[0]
    peers = reports[reports["framework"].astype(str) == str(report["framework"])]
    series = [
        Series(_report_label(report), area_scores(areas, report_id), "report"),
        Series(
            f"mean of {len(peers)} report(s), framework {report['framework']}",
            mean_scores(areas, list(peers["report_id"])),
            "mean",
        ),
    ]
    for _, earlier in earlier_reports(reports, report).iterrows():
        label = f"{_report_label(earlier)}, framework {earlier['framework']}"
        series.append(Series(label, area_scores(areas, earlier["report_id"]), "earlier"))
    return Profile(_area_names(areas, report_id), _max_score(areas, report_id), tuple(series))


def _report_label(report: pd.Series) -> str:
    who = report["municipality"] if known(report["municipality"]) else report["report_id"]
    year = report["evaluation_year"]
    return f"{who} {int(year)}" if known(year) else str(who)


def _area_names(areas: pd.DataFrame, report_id: str) -> tuple[str, ...]:
    own = areas[areas["report_id"] == report_id]
    names = {int(r.area_no): str(r.area_name) for r in own.itertuples() if known(r.area_name)}
    return tuple(names.get(n, "") for n in AREA_NUMBERS)


def _max_score(areas: pd.DataFrame, report_id: str) -> float:
    own = areas[areas["report_id"] == report_id]["max_score"].dropna()
    return float(own.max()) if len(own) else 100.0
