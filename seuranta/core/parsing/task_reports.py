"""What a follow-up page says under a dated task: the task's report.

Follow-up tools print each task as its date, its title, and a sentence or two on what was
done ("01.04.2021 / Ilmastokoordinaattorin palkkaaminen / Joensuussa aloitti ... 1.4.2021.").
That sentence is progress of the item the task belongs to, for the task's month, and a task
that has such a report is done.
"""

from __future__ import annotations

import re

from seuranta.core.model import Milestone, Node, Progress

_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
MIN_REPORT_WORDS = 5
LONG_REPORT_WORDS = 10  # a line this long is a report even where the page cut its last sentence


def reads_as_report(text: str) -> bool:
    """A sentence, not another task's title: several words ending in a full stop, or many."""
    count = len(text.split())
    return count >= LONG_REPORT_WORDS or (count >= MIN_REPORT_WORDS and text.rstrip().endswith((".", "…")))


def task_period(due: str | None) -> str | None:
    """ "01.04.2021" -> "2021-04"."""
    found = _DATE_RE.match(due or "")
    return f"{found[3]}-{int(found[2]):02d}" if found else None


def add_task_report(node: Node, task: Milestone, text: str) -> None:
    """`text` reports on `task`: progress of `node`, and the task is done."""
    node.progress.append(Progress(text=text, period=task_period(task.due)))
    task.done = True


def only_task_reports(node: Node) -> bool:
    """Whether all of a node's progress is its done tasks' reports (one each)."""
    return len(node.progress) == sum(task.done for task in node.milestones)
