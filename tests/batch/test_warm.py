"""Workers fork from a warm parent (batch/warm.py): the rules and the reading engine are loaded
and frozen before the first worker starts, the largest files go first, and the parent is
unfrozen after."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kompass_extract.batch.warm import run_warm
from kompass_extract.batch.workers import START_METHOD, Task, WorkerLimits
from kompass_extract.models import Report

LIMITS = WorkerLimits(timeout_s=60.0, max_memory=1 << 30)
pytestmark = pytest.mark.skipif(START_METHOD != "fork", reason="workers are forked")


def what_the_worker_found(task: Task) -> Report:
    """A stand-in report whose municipality says what the worker inherited."""
    from kompass_extract.rules.vocabulary import vocabulary

    found = {
        "pipeline_imported": "kompass_extract.pipeline" in sys.modules,
        "vocabulary_loaded": vocabulary.cache_info().currsize == 1,
        "frozen": gc.get_freeze_count() > 0,
    }
    return Report(
        report_id=task.path.stem,
        source_file=str(task.path),
        sha256=task.sha256,
        municipality=json.dumps(found),
        page_count=1,
        parser_version="test",
    )


def run(tasks: list[Task], jobs: int = 1) -> list[Report]:
    outcomes = run_warm(
        tasks, what_the_worker_found, jobs=jobs, limits=LIMITS, on_tick=lambda: None
    )
    return [report for outcome in outcomes for report in outcome.reports]


def test_each_worker_starts_with_the_rules_loaded_and_frozen():
    from kompass_extract.rules.vocabulary import vocabulary

    vocabulary.cache_clear()  # loaded again only by the warm-up, not by an earlier test
    (report,) = run([Task(Path("a.pdf"), "0" * 64, 10)])
    assert json.loads(report.municipality or "") == {
        "pipeline_imported": True,
        "vocabulary_loaded": True,
        "frozen": True,
    }


def test_the_parent_is_unfrozen_after_the_run():
    run([Task(Path("a.pdf"), "0" * 64, 10)])
    assert gc.get_freeze_count() == 0


def test_the_largest_files_are_read_first():
    sizes = {"small.pdf": 10, "large.pdf": 3000, "middle.pdf": 200}
    tasks = [Task(Path(name), "0" * 64, size) for name, size in sizes.items()]
    assert [r.report_id for r in run(tasks)] == ["large", "middle", "small"]


def test_no_task_no_warm_up_and_no_worker():
    assert run([]) == []


# Warms a fresh interpreter for one engine and a number of files, then prints which PDF
# libraries it imported.
WARM_PROBE = """
import json, sys
from kompass_extract.batch.warm import warm_up
warm_up(sys.argv[1], int(sys.argv[2]))
print(json.dumps(sorted(n for n in ("pdfplumber", "pdfminer") if n in sys.modules)))
"""


def libraries_warmed(engine: str, files: int) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", WARM_PROBE, engine, str(files)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "files", "imported"),
    [
        ("pdfium", 1, []),  # a single file that reads as a report needs neither
        ("pdfium", 2, ["pdfminer"]),  # the structure check, shared by every worker
        ("pdfplumber", 1, ["pdfminer", "pdfplumber"]),
        ("no such engine", 1, []),  # left for the workers to report
    ],
)
def test_the_parent_imports_the_engine_and_for_several_files_the_strict_parser(
    engine: str, files: int, imported: list[str]
) -> None:
    assert libraries_warmed(engine, files) == imported
