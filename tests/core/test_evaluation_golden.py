"""The evaluator says exactly what it said when the golden file was written (statuses, values, reasons).

The golden file (tests/data/evaluation_golden.json) holds a digest of the full output for each plan,
day and language (see tests/core/evaluation_golden.py). A change to the rules rewrites it on purpose:
`python -m tests.core.evaluation_golden`, with the reason in the commit. A speed-up never does.
"""

import json

import pytest

from tests.core import evaluation_golden as golden

EXPECTED = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))


def test_the_golden_file_covers_every_case():
    assert sorted(EXPECTED) == sorted(key for name in golden.case_names() for key in golden.keys(name))


@pytest.mark.parametrize("name", golden.case_names())
def test_evaluation_output_is_unchanged(name):
    plan = golden.case(name)
    changed = [
        key
        for key in golden.keys(name)
        if golden.digest(golden.output(plan, *golden.parse_key(key))) != EXPECTED.get(key)
    ]
    assert not changed, f"see `python -m tests.core.evaluation_golden --show {changed[0]}`"
