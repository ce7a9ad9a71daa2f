#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The project's typed core, one subcommand per job; the shell scripts
around it install packages and run make and QEMU.

    adder.py apply [--kdir DIR | --debian PACKAGE] [--cache DIR]
                   [--branch NAME] [--base REV] [--check]
    adder.py sid-tree [--mirror URL] CACHE
    adder.py debian-tree PACKAGE CACHE
    adder.py ktap [--vm-status STATUS] [--make-run] CONSOLE_LOG KTAP_OUT EXPECTED
                  pass|enosys|skip
    adder.py kunit RESULT.json SUITE CASES
    adder.py kunit-count RESULT.json...
    adder.py console LOG...
    adder.py tables KDIR BUILD_DIR...
    adder.py cover-letter COVER TEMPLATE NR BASE OUT MAN_ASCII MAN_GROFF
    adder.py add-header NAME ADDRESSES PATCH...
    adder.py mail-check MAILDIR RECEIVED_MBOX PATCHES_MBOX PATCH...
    adder.py bench-summary RESULTS ACCEL KERNEL CPU

Each module's docstring says what its subcommand does. Each exits
non-zero, with its reasons on the way, when what it judges is not as it
must be. The tests: adder_tool_test.py (make test-tooling).
"""

import argparse
import json
import mailbox
import os
import sys
from pathlib import Path
from typing import Callable

import adder_apply
import adder_bench
import adder_console
import adder_debian
import adder_ktap
import adder_kunit_json
import adder_series
import adder_sid
import adder_tables

REPO = Path(__file__).resolve().parent.parent


def apply(args: argparse.Namespace) -> None:
    if args.kdir:
        kdir = Path(args.kdir).resolve()
    elif args.debian:
        kdir = adder_debian.debian_tree(
            args.debian, Path(args.cache) / adder_debian.tree_name(args.debian))
    else:
        kdir = adder_sid.sid_tree(Path(args.cache))
    said = adder_apply.apply(REPO, kdir, args.branch, args.base, args.check)
    print(f"apply: {said}")


def sid_tree(args: argparse.Namespace) -> None:
    print(adder_sid.sid_tree(Path(args.cache).resolve(), args.mirror))


def debian_tree(args: argparse.Namespace) -> None:
    cache = Path(args.cache).resolve()
    print(adder_debian.debian_tree(
        args.package, cache / adder_debian.tree_name(args.package)))


def ktap(args: argparse.Namespace) -> None:
    status = adder_ktap.vm_status(args.vm_status)
    if status:
        print(f"    FAIL: {status}")
    try:
        with open(args.log, errors="replace") as f:
            lines = adder_ktap.extract([line.rstrip("\r\n") for line in f],
                                       args.make_run)
    except FileNotFoundError:
        sys.exit(f"ktap: no console log {args.log}: the VM did not run")
    if not lines:
        sys.exit(f"ktap: no KTAP in {args.log}")
    Path(args.ktap_out).write_text("\n".join(lines) + "\n")
    parsed = adder_ktap.parse(lines)
    for program in parsed.programs.values():
        print(f"    {program.name}: {adder_ktap.summary(program)}")
    problems = adder_ktap.verdict(parsed, adder_ktap.read_expected(args.expected),
                                  args.mode)
    for problem in problems:
        print(f"    FAIL: {problem}")
    if problems:
        sys.exit(f"ktap: the run is not as {args.expected} expects "
                 f"({args.mode}); KTAP in {args.ktap_out}")
    if status:
        sys.exit(f"ktap: {status}")


def read_json(path: str) -> adder_kunit_json.Group:
    try:
        with open(path) as f:
            result: adder_kunit_json.Group = json.load(f)
    except (OSError, ValueError) as err:
        sys.exit(f"kunit: no results in {path}: {err}")
    return result


def kunit(args: argparse.Namespace) -> None:
    suites = adder_kunit_json.find_all(read_json(args.result), args.suite)
    if not suites:
        sys.exit(f"kunit: suite '{args.suite}' did not run ({args.result})")
    cases = adder_kunit_json.read_cases(args.cases)
    problems = adder_kunit_json.verdict(suites, cases)
    print(f"    suite {args.suite}: {len(cases)} cases expected; "
          f"{adder_kunit_json.ran(suites[0])}")
    for problem in problems:
        print(f"    FAIL: {problem}")
    if problems:
        sys.exit(f"kunit: {args.suite} is not as {args.cases} expects")


def kunit_count(args: argparse.Namespace) -> None:
    for path in args.results:
        print(adder_kunit_json.ran(read_json(path)))


def console(args: argparse.Namespace) -> None:
    bad = 0
    for path in args.logs:
        try:
            with open(path, errors="replace") as f:
                lines = [line.rstrip("\r\n") for line in f]
        except OSError as err:
            sys.exit(f"console: cannot read {path}: {err.strerror}")
        shown = adder_console.report(lines)
        if shown:
            bad += 1
            print(f"    the kernel reported a problem in {path}:")
            print("\n".join(f"    {line}" for line in shown))
    if bad:
        sys.exit(f"console: kernel reports in {bad} log(s)")


def tables(args: argparse.Namespace) -> None:
    known = adder_tables.generic_numbers(Path(args.kdir))
    name = adder_tables.NAME
    if name not in known:
        sys.exit(f"tables: no __NR_{name} in {args.kdir}/{adder_apply.GENERIC_UNISTD}")
    print(f"    generic table: {name} is {known[name]}")
    read = failed = 0
    for build in map(Path, args.builds):
        expected = adder_tables.expected_tables(Path(args.kdir), build.name, build, known)
        print(f"    {build.name}: {len(expected)} tables by its kbuild files")
        verdicts = adder_tables.judge_build(Path(args.kdir), build, known)
        if not verdicts:
            print(f"    {build.name}: FAIL: no syscall table found")
            failed += 1
        for path, verdict in verdicts:
            read += 1
            failed += verdict.startswith("FAIL")
            print(f"    {build.name}: {path}: {verdict}")
    print(f"    {read} tables read in {len(args.builds)} architectures, {failed} wrong")
    if failed:
        sys.exit(f"tables: {failed} table(s) without {name} as expected")


def cover_letter(args: argparse.Namespace) -> None:
    fields = {"nr": args.nr, "base": args.base,
              "results": adder_series.results_summary(Path(args.out)),
              "man_ascii": Path(args.man_ascii).read_text().rstrip("\n"),
              "man_groff": Path(args.man_groff).read_text()}
    try:
        adder_series.fill_cover_letter(Path(args.cover),
                                       Path(args.template).read_text(), fields)
    except ValueError as err:
        sys.exit(f"cover-letter: {err}")


def add_header(args: argparse.Namespace) -> None:
    addresses = [a for a in args.addresses.splitlines() if a]
    for patch in args.patches:
        adder_series.add_header(Path(patch), args.name, addresses)


def mail_check(args: argparse.Namespace) -> None:
    received = list(mailbox.Maildir(args.maildir, create=False))
    sent = [adder_series.read_patch(Path(p)) for p in args.patches]
    problems = adder_series.check_thread(received, sent, "linux-api@vger.kernel.org")
    for problem in problems:
        print(f"    {problem}")
    if problems:
        sys.exit("mail: what the server received is not the series, threaded")
    adder_series.save_thread(received, sent, Path(args.received_mbox))
    adder_series.save_thread(received, sent[1:], Path(args.patches_mbox))
    cover_id = next(m["Message-Id"] for m in received
                    if adder_series.subject(m) == adder_series.subject(sent[0]))
    print(f"    {len(sent)} messages, one thread under {cover_id}")


def bench_summary(args: argparse.Namespace) -> None:
    for line in adder_bench.write(Path(args.results), args.accel, args.kernel,
                                  args.cpu):
        print(f"    {line}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, run: Callable[[argparse.Namespace], None],
                summary: str, *positional: str,
                many: str = "") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=summary)
        for arg in positional:
            p.add_argument(arg)
        if many:
            p.add_argument(many, nargs="+")
        p.set_defaults(run=run)
        return p

    p = command("apply", apply, "put adder() onto a kernel tree")
    tree = p.add_mutually_exclusive_group()
    tree.add_argument("--kdir", help="a kernel git tree (default: the newest "
                      "linux-source-X.Y of Debian sid, as sid-tree keeps it)")
    tree.add_argument("--debian", metavar="PACKAGE", help="the tree of an "
                      "installed Debian package instead, e.g. linux-source-6.12")
    p.add_argument("--cache", default=os.environ.get("ADDER_CACHE") or
                   str(Path.home() / ".cache/adder"),
                   help="where the Debian trees are kept")
    p.add_argument("--branch", default="adder")
    p.add_argument("--base", help="the commit to build on (default: HEAD, "
                   "or the branch's old base when applying again)")
    p.add_argument("--check", action="store_true", help="change nothing; "
                   "fail unless the branch is already as this makes it")
    p = command("sid-tree", sid_tree, "Debian sid's newest kernel source as "
                "a git tree in CACHE; prints its path", "cache")
    p.add_argument("--mirror", default="", help="the Debian archive to take "
                   "sid from (default: the one the machine's apt sources name "
                   "for its release)")
    command("debian-tree", debian_tree, "an installed Debian kernel source "
            "package as a git tree in CACHE; prints its path", "package",
            "cache")
    p = command("ktap", ktap, "judge run_kselftest.sh's KTAP",
                "log", "ktap_out", "expected")
    p.add_argument("mode", choices=("pass", "enosys", "skip"))
    p.add_argument("--vm-status", type=int, default=0,
                   help="vm-run's exit status: any but 0 fails the run too")
    p.add_argument("--make-run", action="store_true",
                   help="the output of make kselftest, which from 7.x has "
                   "no version line and no plan")
    command("kunit", kunit, "judge kunit.py's JSON for a suite",
            "result", "suite", "cases")
    command("kunit-count", kunit_count, "count kunit.py's results",
            many="results")
    command("console", console, "fail on the kernel's own reports", many="logs")
    command("tables", tables, "judge every generated syscall table", "kdir",
            many="builds")
    command("cover-letter", cover_letter, "fill git's cover letter", "cover",
            "template", "nr", "base", "out", "man_ascii", "man_groff")
    command("add-header", add_header, "add a To or Cc header to patches",
            "name", "addresses", many="patches")
    command("mail-check", mail_check, "judge the thread a server received",
            "maildir", "received_mbox", "patches_mbox", many="patches")
    command("bench-summary", bench_summary, "figures from adder-bench's CSV",
            "results", "accel", "kernel", "cpu")
    return top


def main() -> None:
    args = parser().parse_args()
    try:
        args.run(args)
    except adder_apply.GitError as err:
        sys.exit(f"{args.command}: {err}")


if __name__ == "__main__":
    main()
