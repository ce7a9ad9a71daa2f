# SPDX-License-Identifier: GPL-2.0
"""Figures from adder-bench's batches (see bench/adder-bench.c).

    adder.py bench-summary RESULTS ACCEL KERNEL CPU

RESULTS/bench.csv holds one line a batch, "round,kind,calls,ns". For each
kind: ns per call, median and quartiles over the rounds; and adder() over
getppid(), round by round, with its spread. Written to RESULTS/bench.json,
and RESULTS/plot.dat for gnuplot (round, then ns per call of adder,
getppid and the inline addition). Every figure is labelled with QEMU's
accelerator: a TCG time is not a hardware time.
"""

import csv
import json
import statistics
from pathlib import Path
from typing import Any


def spread(values: list[float]) -> dict[str, float]:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": median, "q1": q1, "q3": q3,
            "min": min(values), "max": max(values)}


def per_call(rows: list[dict[str, str]]) -> dict[str, dict[int, float]]:
    """kind -> round -> ns per call."""
    per: dict[str, dict[int, float]] = {}
    for row in rows:
        per.setdefault(row["kind"], {})[int(row["round"])] = \
            int(row["ns"]) / int(row["calls"])
    return per


def summarise(rows: list[dict[str, str]], accel: str, kernel: str,
              cpu: str) -> dict[str, Any]:
    per = per_call(rows)
    rounds = sorted(per["adder"])
    return {
        "accelerator": accel, "kernel": kernel, "host_cpu": cpu,
        "rounds": len(rounds), "calls_per_batch": int(rows[0]["calls"]),
        "ns_per_call": {kind: spread(list(v.values())) for kind, v in per.items()},
        "adder_over_getppid": spread([per["adder"][r] / per["getppid"][r]
                                      for r in rounds]),
    }


def write(results: Path, accel: str, kernel: str, cpu: str) -> list[str]:
    """Write bench.json and plot.dat; return the lines to show."""
    with open(results / "bench.csv") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit("bench: the VM printed no measurements")
    summary = summarise(rows, accel, kernel, cpu)
    (results / "bench.json").write_text(json.dumps(summary, indent=2))
    per = per_call(rows)
    (results / "plot.dat").write_text("".join(
        f"{r} {per['adder'][r]} {per['getppid'][r]} {per['inline_add'][r]}\n"
        for r in sorted(per["adder"])))
    shown = [f"{kind:10} {s['median']:9.2f} ns/call ({accel}), "
             f"quartiles {s['q1']:.2f}-{s['q3']:.2f}"
             for kind, s in summary["ns_per_call"].items()]
    r = summary["adder_over_getppid"]
    shown.append(f"adder/getppid {r['median']:.3f} ({accel}), quartiles "
                 f"{r['q1']:.3f}-{r['q3']:.3f}, range {r['min']:.3f}-{r['max']:.3f}")
    return shown
