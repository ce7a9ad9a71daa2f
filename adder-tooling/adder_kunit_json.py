# SPDX-License-Identifier: GPL-2.0
"""Judge a kunit.py --json result for one suite, and count its results.

    adder.py kunit RESULT.json SUITE CASES
    adder.py kunit-count RESULT.json...

CASES (adder-tooling/kunit-cases) lists the suite's cases, and for a
parameterised case how many parameters it runs. The suite must have run
exactly those cases and parameters, every one passed, none skipped: a
suite that dropped out of the build, a case that went missing, or a
parameter table cut short in the source must not look like a pass.
"""
from collections import Counter
from typing import Any, Optional

Group = dict[str, Any]
# kunit.py's words for the statuses its JSON gives each result.
WORDS = {"PASS": "passed", "FAIL": "failed", "SKIP": "skipped",
         "ERROR": "crashed"}


def find(group: Group, name: str) -> Optional[Group]:
    if group.get("name") == name:
        return group
    for sub in group.get("sub_groups", []):
        hit = find(sub, name)
        if hit:
            return hit
    return None


def read_cases(path: str) -> dict[str, Optional[int]]:
    """case -> its number of parameters, or None for a plain case."""
    cases: dict[str, Optional[int]] = {}
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if fields:
                cases[fields[0]] = int(fields[1]) if len(fields) > 1 else None
    return cases


def verdict(suite: Group, cases: dict[str, Optional[int]]) -> list[str]:
    """Every problem found, as lines; none means the suite is as expected."""
    plain = {c["name"]: c["status"] for c in suite.get("test_cases", [])}
    params = {g["name"]: g for g in suite.get("sub_groups", [])}
    problems = [] if cases else ["no case is expected: an empty CASES file"]
    for name, count in cases.items():
        if count is None:
            status = plain.get(name)
            if status != "PASS":
                problems.append(f"{name}: {status or 'did not run'}")
            continue
        group = params.get(name)
        if group is None:
            problems.append(f"{name}: did not run as a parameterised case")
            continue
        results = group.get("test_cases", [])
        if len(results) != count:
            problems.append(f"{name}: {len(results)} parameters ran, {count} expected")
        problems += [f"{name}: {r['name']}: {r['status']}"
                     for r in results if r["status"] != "PASS"]
    problems += [f"{name}: not an expected case"
                 for name in [*plain, *params] if name not in cases]
    return problems


def statuses(group: Group) -> Counter[str]:
    """How many results of each status a group holds, at any depth."""
    found = Counter(c["status"] for c in group.get("test_cases", []))
    for sub in group.get("sub_groups", []):
        found += statuses(sub)
    return found


def ran(group: Group) -> str:
    """The results of a group in kunit.py's words: "Ran 40 tests: passed: 40"."""
    found = statuses(group)
    counts = [f"{WORDS.get(status, status)}: {found[status]}"
              for status in [*WORDS, *sorted(set(found) - set(WORDS))]
              if found[status]]
    return f"Ran {sum(found.values())} tests" + \
        (f": {', '.join(counts)}" if counts else "")
