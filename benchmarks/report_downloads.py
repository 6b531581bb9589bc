"""Heavy reads bounded: an API call while anonymous visitors download PDF reports at once.

    .venv/bin/python benchmarks/report_downloads.py [--downloads 8] [--port 8123]

Serves the demo database (`seuranta serve --demo`, in a temporary data
directory) and, from one address, starts N concurrent downloads of the largest
demo plan's PDF report, times an API call made meanwhile, then repeats the
downloads. Prints the status codes and times. Rendering is cached per plan
version and request, and anonymous addresses are rate-limited, so the second
wave is served from the cache and the API call stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEURANTA = [sys.executable, "-m", "seuranta.cli"]


def fetch(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def wave(base: str, plan_id: int, downloads: int) -> None:
    url = f"{base}/raportit/{plan_id}/?format=pdf&on=2026-06-30"
    with ThreadPoolExecutor(downloads) as pool:
        started = time.perf_counter()
        futures = [pool.submit(fetch, url) for _ in range(downloads)]
        time.sleep(0.5)
        api_status, api_seconds = fetch(f"{base}/api/plans/")
        results = [f.result() for f in futures]
    statuses = sorted(status for status, _ in results)
    print(
        f"  {downloads} PDF downloads: statuses {statuses}, slowest {max(s for _, s in results):.2f} s, "
        f"all done in {time.perf_counter() - started:.2f} s; API call meanwhile: {api_status} in {api_seconds:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--downloads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "SEURANTA_DATA_DIR": data, "DATABASE_URL": f"sqlite:///{data}/demo.sqlite3"}
        subprocess.run([*SEURANTA, "demo", "--no-serve"], env=env, check=True, capture_output=True, cwd=ROOT)
        plans = subprocess.run(
            [*SEURANTA, "plans"], env=env, check=True, capture_output=True, text=True, cwd=ROOT
        )
        plan_id = int(plans.stdout.split()[0])
        server = subprocess.Popen(
            [*SEURANTA, "serve", "--demo", "--no-worker", "--port", str(args.port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(100):
                try:
                    json.load(urllib.request.urlopen(f"{base}/api/plans/", timeout=2))
                    break
                except OSError:
                    time.sleep(0.2)
            status, seconds = fetch(f"{base}/api/plans/")
            print(f"API call alone: {status} in {seconds:.2f} s")
            print("First wave (cache empty):")
            wave(base, plan_id, args.downloads)
            print("Second wave (same report):")
            wave(base, plan_id, args.downloads)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
