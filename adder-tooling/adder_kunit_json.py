# SPDX-License-Identifier: GPL-2.0
"""Judge a kunit.py --json result for one suite, and count its results.

    adder.py kunit RESULT.json SUITE CASES
    adder.py kunit-count RESULT.json...

CASES (adder-tooling/kunit-cases) lists the suite's cases, and for a
parameterised case how many parameters it runs. The suite must have run
exactly those cases and parameters, every one passed, none skipped: a
suite that dropped out of the build, a case that went missing, or a
parameter table cut short in the source must not look like a pass.

kunit.py's JSON (tools/testing/kunit/kunit_json.py) is a tree of groups:
each KTAP test with subtests is a group ("sub_groups"), each one without
is a case ("test_cases", a name and a status). The suite is a group; a
parameterised case is a group whose cases are its parameters, each named
by its description ("2 + 3"). Every name is judged once: a second suite
of the same name anywhere in the tree, a case or a parameter reported
twice, a case that is also a group, a group inside a parameterised case,
each fails the run, whatever its status, so that no passing result can
stand in for a failing one. 7.2's kunit.py adds its own counts to each
group ("misc"), which also count a group whose own result line failed
while its cases passed: they must be all passes, as many as its cases.
"""
from collections import Counter
from typing import Any, Iterator, Optional

Group = dict[str, Any]
# kunit.py's words for its counts, in its order (kunit_parser.TestCounts),
# and the status its JSON gives a case of each.
COUNTS = {"passed": "PASS", "failed": "FAIL", "crashed": "ERROR", "skipped": "SKIP"}


def groups(group: Group) -> Iterator[Group]:
    """The group and every group inside it, at any depth."""
    yield group
    for sub in group.get("sub_groups", []):
        yield from groups(sub)


def find_all(group: Group, name: str) -> list[Group]:
    return [g for g in groups(group) if g.get("name") == name]


def read_cases(path: str) -> dict[str, Optional[int]]:
    """case -> its number of parameters, or None for a plain case."""
    cases: dict[str, Optional[int]] = {}
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if fields:
                cases[fields[0]] = int(fields[1]) if len(fields) > 1 else None
    return cases


def shown(name: str) -> str:
    """A result's name; kunit.py names a result it never saw ""."""
    return name or "(unnamed)"


def twice(items: list[Group], where: str) -> list[str]:
    return [f"{where}{shown(name)}: reported {count} times"
            for name, count in Counter(i["name"] for i in items).items() if count > 1]


def judge_parameters(name: str, group: Group, count: int) -> list[str]:
    results = group.get("test_cases", [])
    problems = twice(results, f"{name}: ")
    distinct = len({r["name"] for r in results})
    if distinct != count:
        problems.append(f"{name}: {distinct} distinct parameters ran, {count} expected")
    problems += [f"{name}: {shown(r['name'])}: {r['status']}"
                 for r in results if r["status"] != "PASS"]
    problems += [f"{name}: {shown(sub['name'])}: a group inside a parameterised case"
                 for sub in group.get("sub_groups", [])]
    return problems


def judge_counts(group: Group) -> list[str]:
    """kunit.py's own counts of each group, where its JSON has them."""
    problems = []
    for each in groups(group):
        if "misc" not in each:
            continue
        cases = sum(statuses(each).values())
        said = counts(each)
        if said != {"passed": cases, "failed": 0, "crashed": 0, "skipped": 0, "errors": 0}:
            problems.append(f"{each['name']}: kunit.py counted {words(said)}; "
                            f"{cases} cases are in it")
    return problems


def verdict(suites: list[Group], cases: dict[str, Optional[int]]) -> list[str]:
    """Every problem found, as lines; none means the suite (found once,
    as find_all gives it) is as expected."""
    suite = suites[0]
    problems = [] if cases else ["no case is expected: an empty CASES file"]
    if len(suites) > 1:
        problems.append(f"the suite {suite['name']} is reported {len(suites)} times")
    plain_cases = suite.get("test_cases", [])
    parameterised = suite.get("sub_groups", [])
    problems += twice([*plain_cases, *parameterised], "")
    plain = {c["name"]: c["status"] for c in plain_cases}
    params = {g["name"]: g for g in parameterised}
    for name, count in cases.items():
        if count is None:
            status = plain.get(name)
            if status != "PASS":
                problems.append(f"{name}: {status or 'did not run'}")
        elif name in params:
            problems += judge_parameters(name, params[name], count)
        else:
            problems.append(f"{name}: did not run as a parameterised case")
    problems += [f"{shown(name)}: not an expected case"
                 for name in dict.fromkeys([*plain, *params]) if name not in cases]
    return problems + judge_counts(suite)


def statuses(group: Group) -> Counter[str]:
    """How many cases of each status a group holds, at any depth."""
    return Counter(c["status"] for g in groups(group) for c in g.get("test_cases", []))


def counts(group: Group) -> dict[str, int]:
    """A group's results as kunit.py counts them: its own counts where its
    JSON has them, else the statuses of its cases."""
    if "misc" in group:
        return {word: group["misc"][word] for word in [*COUNTS, "errors"]}
    found = statuses(group)
    return {word: found[status] for word, status in COUNTS.items()} | {"errors": 0}


def words(said: dict[str, int]) -> str:
    """Counts in kunit.py's words: "Ran 40 tests: passed: 40"."""
    shown = [f"{word}: {n}" for word, n in said.items() if n]
    return f"Ran {sum(said[w] for w in COUNTS)} tests" + \
        (f": {', '.join(shown)}" if shown else "")


def ran(group: Group) -> str:
    """The results of a group in kunit.py's words."""
    return words(counts(group))
