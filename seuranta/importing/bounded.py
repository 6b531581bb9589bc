"""Parse an uploaded document in a child process with a time limit and a memory limit.

A hostile or merely huge file must not take the server with it: the child
limits its own address space (RLIMIT_AS) before it imports the readers, and the
parent kills its whole process group when the wall-clock limit passes. The
child writes one JSON object to standard output:

    {"plan": {...} | null, "warnings": [...], "family": "...", "trace": [...]}   parsed
    {"unreadable": "sentence"}                                     a file no reader can read
    {"invalid": ["sentence", ...]}                                 a seuranta-plan/1 document refused
    {"limit": "memory"}                                            the memory limit was reached

This module imports no Django: the CLI uses it as it is, and the web import runs
it from the task worker (`seuranta.importing.tasks`).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import resource
import signal
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import PurePath

DEFAULT_TIMEOUT = 120  # seconds
DEFAULT_MEMORY_MB = 1024
TIME, MEMORY, CRASH = "time", "memory", "crash"
CPU_GRACE = 5  # seconds of processor time past the wall-clock limit before the kernel stops an orphaned parse


@dataclass
class Outcome:
    """What became of one bounded parse: a plan, a sentence, or the limit it hit."""

    plan: dict | None = None
    warnings: list[dict] = field(default_factory=list)
    family: str | None = None
    trace: list[dict] = field(default_factory=list)  # what became of each source line (importing.source)
    problem: str | None = None  # a reader's or the validator's sentences, already in Finnish
    limit: str | None = None  # TIME, MEMORY or CRASH
    peak_mb: float = 0.0


def limits_from_environment() -> tuple[float, int]:
    """SEURANTA_IMPORT_TIMEOUT (seconds) and SEURANTA_IMPORT_MEMORY_MB, as settings.py reads them."""
    return (
        float(os.environ.get("SEURANTA_IMPORT_TIMEOUT") or DEFAULT_TIMEOUT),
        int(os.environ.get("SEURANTA_IMPORT_MEMORY_MB") or DEFAULT_MEMORY_MB),
    )


def parse_bounded(
    data: bytes,
    name: str,
    *,
    timeout: float | None = None,
    memory_mb: int | None = None,
    lang: str = "fi",
    profile: dict | None = None,
) -> Outcome:
    """Parse `data` (a document, or seuranta-plan/1 JSON by its name) within the limits, with an
    organisation's profile (`Profile.to_dict()`) applied first."""
    default_timeout, default_memory = limits_from_environment()
    timeout = timeout or default_timeout
    memory_mb = memory_mb or default_memory
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "seuranta.importing.bounded",
            name,
            str(memory_mb),
            lang,
            str(math.ceil(timeout) + CPU_GRACE),  # the kernel's processor-time limit (child_main)
            json.dumps(profile or {}, ensure_ascii=False),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so that a kill takes any grandchild too
    )
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return Outcome(limit=TIME)
    except BaseException:  # the worker itself is stopping: leave no parse behind
        _kill(process)
        raise
    try:
        answer = json.loads(out)
    except ValueError:
        # killed by the kernel or a library's abort past the memory limit, or a crash in C code
        sys.stderr.write(err.decode("utf-8", "replace")[-4000:])
        if process.returncode == -signal.SIGXCPU:
            return Outcome(limit=TIME)
        return Outcome(limit=MEMORY if process.returncode in (-signal.SIGKILL, -signal.SIGSEGV) else CRASH)
    peak = float(answer.get("peak_mb", 0.0))
    if "limit" in answer:
        return Outcome(limit=answer["limit"], peak_mb=peak)
    if "unreadable" in answer:
        return Outcome(problem=answer["unreadable"], peak_mb=peak)
    if "invalid" in answer:
        return Outcome(problem="\n".join(answer["invalid"]), peak_mb=peak)
    return Outcome(
        plan=answer["plan"],
        warnings=answer["warnings"],
        family=answer.get("family"),
        trace=answer.get("trace") or [],
        peak_mb=peak,
    )


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


# -- the child -------------------------------------------------------------------------------


def _peak_mb() -> float:
    """The child's own peak resident memory (ru_maxrss would count the parent's pages forked to it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse(data: bytes, name: str, lang: str, profile: dict) -> dict:
    from seuranta.core.interchange import InvalidDocument, load_plan
    from seuranta.core.parsing import Profile, UnreadableDocument, parse_document
    from seuranta.core.parsing.readers import read_bytes
    from seuranta.importing.source import trace_entries

    if PurePath(name).suffix.lower() == ".json":
        try:
            plan = load_plan(data)
        except InvalidDocument as exc:
            return {"invalid": exc.messages(lang)[:20]}
        return {"plan": plan.to_dict(), "warnings": [], "family": "json"}
    try:
        doc = read_bytes(data, name)
    except UnreadableDocument as exc:
        return {"unreadable": str(exc)}
    result = parse_document(doc, Profile.from_dict(profile))
    return {
        "plan": result.plan.to_dict() if result.plan else None,
        "warnings": [
            {
                "code": w.code,
                "message": w.message,
                "path": list(w.path),
                "indicator": w.indicator,
                "field": w.field,
            }
            for w in result.warnings
        ],
        "family": result.family,
        "trace": trace_entries(doc, result),
    }


def child_main(argv: list[str]) -> int:
    name, memory_mb, lang = argv[0], int(argv[1]), argv[2]
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if len(argv) > 3:
        # A backstop for the parent's wall-clock kill: should the worker itself die meanwhile, the
        # kernel still stops this parse once it has used that much processor time (the parent passes
        # its wall-clock limit plus CPU_GRACE).
        seconds = int(argv[3])
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        data = sys.stdin.buffer.read()
        answer = _parse(data, name, lang, json.loads(argv[4]) if len(argv) > 4 else {})
    except MemoryError:
        answer = {"limit": MEMORY}
    except RecursionError:
        answer = {"unreadable": "Tiedoston rakenne on sisäkkäisyydeltään liian syvä luettavaksi."}
    except Exception:
        traceback.print_exc()
        answer = {"limit": CRASH}
    answer["peak_mb"] = _peak_mb()
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
