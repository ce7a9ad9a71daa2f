#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of the tooling itself, in seconds, without root or a kernel build.

    python3 adder-tooling/adder_tool_test.py    (or: make test-tooling)

The apply tool runs on small git trees of the real files it edits
(test_data/trees/: 6.1, 6.12 and 7.2); Debian's trees are made from a
tarball made in the test, and sid's apt is tried as far as it goes
without the network. The judges read what real
runs recorded (test_data/logs/, test_data/tables/), and each way such a
run can be wrong, made from a recorded one by the smallest edit: each
test names the edit. test_data/*/README.md says where every file came
from.
"""

import copy
import io
import json
import mailbox
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Callable, Optional

import adder
import adder_apply
import adder_bench
import adder_console
import adder_debian
import adder_ktap
import adder_kunit_json
import adder_series
import adder_sid
import adder_tables

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
DATA = TOOLS / "test_data"
LOGS = DATA / "logs"
# git as a fresh machine has it: no configuration of this user's, and a
# fixed identity for the commits and their Signed-off-by lines.
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
SIGNER = "Test <test@example.org>"
# One git tree a kernel version, made once; each test works on a copy.
TREES: dict[str, Path] = {}
SCRATCH = Path(tempfile.mkdtemp(prefix="adder-tool-test-"))


def setUpModule() -> None:
    os.environ.update(GIT_ENV)


def tearDownModule() -> None:
    shutil.rmtree(SCRATCH, ignore_errors=True)


def git(kdir: Path, *args: str) -> str:
    return adder_apply.git(kdir, *args)


def make_tree(version: str, where: Path) -> Path:
    """A git tree whose one commit holds the fixture files of a version."""
    if version not in TREES:
        base = SCRATCH / "base" / version
        shutil.copytree(DATA / "trees" / version, base, symlinks=True)
        git(base, "init", "-q", "-b", "master")
        git(base, "add", "-A")
        git(base, "commit", "-q", "-m", f"linux {version}")
        TREES[version] = base
    kdir = where / version
    shutil.copytree(TREES[version], kdir, symlinks=True)
    return kdir


# The same trees with the series applied, once; only read from.
APPLIED: dict[str, tuple[Path, str]] = {}


def applied(version: str) -> tuple[Path, str]:
    """A tree of the version with adder() applied, and what apply said."""
    if version not in APPLIED:
        kdir = make_tree(version, SCRATCH / "applied")
        APPLIED[version] = kdir, adder_apply.apply(REPO, kdir)
    return APPLIED[version]


def added_lines(kdir: Path, path: str) -> list[str]:
    diff = git(kdir, "diff", adder_apply.BASE_REF, "adder", "--", path)
    return [line[1:] for line in diff.splitlines()
            if line.startswith("+") and not line.startswith("+++")]


def show(kdir: Path, path: str, rev: str = "adder") -> str:
    return git(kdir, "show", f"{rev}:{path}")


def state(kdir: Path) -> list[str]:
    """Everything apply could change in a tree: HEAD, refs, files."""
    return [git(kdir, "rev-parse", "HEAD"), git(kdir, "for-each-ref"),
            git(kdir, "status", "--porcelain"), git(kdir, "diff")]


# Every table of each version, and the row adder() must get there: its
# number and ABI column, written out here, not worked out as the tool does.
ROWS_6_12 = {
    "scripts/syscall.tbl": ("463", "common"),
    "arch/alpha/kernel/syscalls/syscall.tbl": ("573", "common"),
    "arch/arm/tools/syscall.tbl": ("463", "common"),
    "arch/arm64/tools/syscall_32.tbl": ("463", "common"),
    "arch/m68k/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/microblaze/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/mips/kernel/syscalls/syscall_n32.tbl": ("463", "n32"),
    "arch/mips/kernel/syscalls/syscall_n64.tbl": ("463", "n64"),
    "arch/mips/kernel/syscalls/syscall_o32.tbl": ("463", "o32"),
    "arch/parisc/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/powerpc/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/s390/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/sh/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/sparc/kernel/syscalls/syscall.tbl": ("463", "common"),
    "arch/x86/entry/syscalls/syscall_32.tbl": ("463", "i386"),
    "arch/x86/entry/syscalls/syscall_64.tbl": ("463", "common"),
    "arch/xtensa/kernel/syscalls/syscall.tbl": ("463", "common"),
}
ROWS_6_1 = {
    "arch/alpha/kernel/syscalls/syscall.tbl": ("561", "common"),
    "arch/arm/tools/syscall.tbl": ("451", "common"),
    "arch/ia64/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/m68k/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/microblaze/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/mips/kernel/syscalls/syscall_n32.tbl": ("451", "n32"),
    "arch/mips/kernel/syscalls/syscall_n64.tbl": ("451", "n64"),
    "arch/mips/kernel/syscalls/syscall_o32.tbl": ("451", "o32"),
    "arch/parisc/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/powerpc/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/s390/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/sh/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/sparc/kernel/syscalls/syscall.tbl": ("451", "common"),
    "arch/x86/entry/syscalls/syscall_32.tbl": ("451", "i386"),
    "arch/x86/entry/syscalls/syscall_64.tbl": ("451", "common"),
    "arch/xtensa/kernel/syscalls/syscall.tbl": ("451", "common"),
}
# 7.2's newest call is rseq_slice_yield, 471 (alpha 581), as mainline's.
ROWS_7_2 = {
    "scripts/syscall.tbl": ("472", "common"),
    "arch/alpha/kernel/syscalls/syscall.tbl": ("582", "common"),
    "arch/arm/tools/syscall.tbl": ("472", "common"),
    "arch/arm64/tools/syscall_32.tbl": ("472", "common"),
    "arch/m68k/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/microblaze/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/mips/kernel/syscalls/syscall_n32.tbl": ("472", "n32"),
    "arch/mips/kernel/syscalls/syscall_n64.tbl": ("472", "n64"),
    "arch/mips/kernel/syscalls/syscall_o32.tbl": ("472", "o32"),
    "arch/parisc/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/powerpc/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/s390/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/sh/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/sparc/kernel/syscalls/syscall.tbl": ("472", "common"),
    "arch/x86/entry/syscalls/syscall_32.tbl": ("472", "i386"),
    "arch/x86/entry/syscalls/syscall_64.tbl": ("472", "common"),
    "arch/xtensa/kernel/syscalls/syscall.tbl": ("472", "common"),
}


class ApplyTest(unittest.TestCase):
    """The apply tool on the real files of each kernel version."""

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(dir=SCRATCH))

    def tearDown(self) -> None:
        shutil.rmtree(self.tmp)

    def apply(self, version: str) -> tuple[Path, str]:
        """A copy of the version's tree, with the series applied there."""
        kdir = make_tree(version, self.tmp)
        return kdir, adder_apply.apply(REPO, kdir)

    def check_rows(self, kdir: Path, rows: dict[str, tuple[str, str]]) -> None:
        # A table that is a link to another shares its edit.
        tables = {p for p in git(kdir, "ls-files").split()
                  if p.endswith(".tbl") and not (kdir / p).is_symlink()}
        self.assertEqual(set(rows), tables, "a table without an expected row")
        for path, (nr, abi) in rows.items():
            added = added_lines(kdir, path)
            self.assertEqual(1, len(added), path)
            fields = added[0].split()
            self.assertEqual([nr, abi, "adder"], fields[:3], path)
            self.assertEqual({"sys_adder"}, set(fields[3:]), path)

    def check_generic(self, kdir: Path, nr: int) -> None:
        unistd = show(kdir, adder_apply.GENERIC_UNISTD)
        self.assertIn(f"#define __NR_adder {nr}\n__SYSCALL(__NR_adder, sys_adder)\n",
                      unistd)
        self.assertRegex(unistd, rf"(?m)^#define __NR_syscalls {nr + 1}$")

    def test_6_12(self) -> None:
        kdir, said = applied("6.12")
        self.assertIn("adder is syscall 463", said)
        self.assertEqual(5, len(git(kdir, "rev-list",
                                    f"{adder_apply.BASE_REF}..adder").split()))
        self.check_rows(kdir, ROWS_6_12)
        self.check_generic(kdir, 463)
        # The row is laid out as the one above it: tabs to the same columns.
        self.assertEqual(["463\tcommon\tadder\t\t\t\tsys_adder"],
                         added_lines(kdir, "scripts/syscall.tbl"))
        self.assertIn("MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);",
                      show(kdir, "kernel/adder_kunit.c"))
        self.assertIn("COND_SYSCALL(adder);", show(kdir, "kernel/sys_ni.c"))
        self.assertIn("asmlinkage long sys_adder(int x, int y);",
                      show(kdir, "include/linux/syscalls.h"))
        self.assertIn("TARGETS += adder\n",
                      show(kdir, "tools/testing/selftests/Makefile"))
        messages = git(kdir, "log", "--format=%B", f"{adder_apply.BASE_REF}..adder")
        self.assertEqual(5, messages.count(f"Signed-off-by: {SIGNER}"))
        self.assertIn("463", show(kdir, "kernel/adder.c") + messages)

    def test_6_1(self) -> None:
        """Before scripts/syscall.tbl, with arm64's compat list in a header."""
        kdir, said = applied("6.1")
        self.assertIn("adder is syscall 451", said)
        self.check_rows(kdir, ROWS_6_1)
        self.check_generic(kdir, 451)
        self.assertIn("#define __NR_adder 451\n__SYSCALL(__NR_adder, sys_adder)\n",
                      show(kdir, "arch/arm64/include/asm/unistd32.h"))
        self.assertRegex(show(kdir, "arch/arm64/include/asm/unistd.h"),
                         r"(?m)^#define __NR_compat_syscalls\s+452$")

    def test_7_2(self) -> None:
        """The series' base: adder() is 472, as on mainline."""
        kdir, said = applied("7.2")
        self.assertIn("adder is syscall 472", said)
        self.check_rows(kdir, ROWS_7_2)
        self.check_generic(kdir, 472)
        # powerpc's newest row is "nospu"; a new call is common there.
        self.assertEqual(["472\tcommon\tadder\t\t\t\tsys_adder"],
                         added_lines(kdir, "arch/powerpc/kernel/syscalls/syscall.tbl"))
        # s390 has had no compat column since 6.19: four columns, as its rows.
        self.assertEqual(["472\tcommon\tadder\t\t\t\tsys_adder"],
                         added_lines(kdir, "arch/s390/kernel/syscalls/syscall.tbl"))
        # 6.13 and later take the namespace as a string literal.
        self.assertIn('MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");',
                      show(kdir, "kernel/adder_kunit.c"))
        # The wiring patch, the second, numbers the call everywhere.
        wired = git(kdir, "show", "--format=", "--name-only", "adder~3").split()
        self.assertIn(adder_apply.GENERIC_UNISTD, wired)
        self.assertIn("scripts/syscall.tbl", wired)
        first = git(kdir, "show", "--format=", "--name-only", "adder~4").split()
        self.assertIn("kernel/adder.h", first)
        self.assertNotIn(adder_apply.GENERIC_UNISTD, first)

    def test_maintainers_in_order(self) -> None:
        for version in ("6.1", "6.12", "7.2"):
            with self.subTest(version=version):
                kdir, _ = applied(version)
                lines = show(kdir, "MAINTAINERS").splitlines()
                titles = [line for i, line in enumerate(lines[1:-1], 1)
                          if not lines[i - 1] and re.match(r"[A-Z]:\t", lines[i + 1])]
                at = titles.index("ADDER SYSTEM CALL")
                self.assertLess(titles[at - 1], "ADDER SYSTEM CALL")
                self.assertLess("ADDER SYSTEM CALL", titles[at + 1])
                entry = lines[lines.index("ADDER SYSTEM CALL"):]
                entry = entry[:entry.index("")]
                self.assertEqual(f"M:\t{SIGNER}", entry[1])
                self.assertIn("F:\ttools/testing/selftests/adder/", entry)
                # The first commit lists only the files it adds.
                first = git(kdir, "show", "adder~4:MAINTAINERS")
                self.assertIn("F:\tkernel/adder.c", first)
                self.assertNotIn("F:\ttools/testing/selftests/adder/", first)

    def test_toctree(self) -> None:
        """adder comes last in the toctree of system calls (6.6 and earlier
        have a single toctree)."""
        for version, before in (("6.12", "   mseal"), ("7.2", "   rseq"),
                                ("6.1", "   futex2")):
            with self.subTest(version=version):
                kdir, _ = applied(version)
                index = show(kdir, "Documentation/userspace-api/index.rst")
                self.assertIn(f"{before}\n   adder\n\n", index)
                self.assertEqual(1, index.count("adder"))

    def test_again_changes_nothing(self) -> None:
        kdir, _ = self.apply("6.12")
        before = state(kdir)
        self.assertIn("nothing changed", adder_apply.apply(REPO, kdir))
        self.assertIn("nothing changed", adder_apply.apply(REPO, kdir, check=True))
        self.assertEqual(before, state(kdir))

    def test_another_author_applies_again(self) -> None:
        """The same series by another author is not up to date: its patches
        would carry a Signed-off-by that is not their author's."""
        kdir, _ = self.apply("6.12")
        # The committer, who signs off, stays: only the author changes.
        other = {"GIT_AUTHOR_NAME": "Other", "GIT_AUTHOR_EMAIL": "other@example.org"}
        saved = {name: os.environ[name] for name in other}
        os.environ.update(other)
        try:
            self.assertIn("now has 5 commits", adder_apply.apply(REPO, kdir))
        finally:
            os.environ.update(saved)
        self.assertEqual("Other <other@example.org>\n",
                         adder_apply.git(kdir, "log", "-1", "--format=%an <%ae>", "adder"))

    def test_check_changes_nothing(self) -> None:
        """--check on a tree without the series refuses, and writes nothing."""
        kdir = make_tree("6.12", self.tmp)
        self.refused(kdir, "applying would change it", check=True)

    def refused(self, kdir: Path, said: str, check: bool = False) -> None:
        before = state(kdir)
        with self.assertRaises(SystemExit) as refusal:
            adder_apply.apply(REPO, kdir, check=check)
        self.assertIn(said, str(refusal.exception))
        self.assertEqual(before, state(kdir), "the refused tree was changed")
        self.assertIsNone(adder_apply.rev(kdir, "refs/heads/adder"))

    def test_misfit_refused_untouched(self) -> None:
        for path, line in (("kernel/sys_ni.c", " * Architecture specific weak"),
                           ("arch/x86/entry/syscalls/syscall_32.tbl", "mseal"),
                           ("Documentation/userspace-api/index.rst", ".. toctree::"),
                           ("include/uapi/asm-generic/unistd.h", "#define __NR_syscalls")):
            with self.subTest(path=path):
                kdir = make_tree("6.12", self.tmp)
                text = (kdir / path).read_text()
                (kdir / path).write_text("".join(
                    kept for kept in text.splitlines(keepends=True) if line not in kept))
                git(kdir, "commit", "-qam", f"no {line}")
                self.refused(kdir, path)
                shutil.rmtree(kdir)

    def test_applied_tree_refused(self) -> None:
        """A base that already has the feature's files is no base."""
        kdir, _ = self.apply("6.12")
        git(kdir, "update-ref", "-d", "refs/heads/master")
        git(kdir, "branch", "-q", "-m", "adder", "master")
        git(kdir, "update-ref", "-d", adder_apply.BASE_REF)
        self.refused(kdir, "already exists")

    def test_dirty_refused_untouched(self) -> None:
        kdir = make_tree("6.12", self.tmp)
        with (kdir / "kernel/Makefile").open("a") as f:
            f.write("# a local change\n")
        self.refused(kdir, "uncommitted changes")
        self.assertIn("a local change", (kdir / "kernel/Makefile").read_text())

    def test_users_commit_kept(self) -> None:
        """A commit of the user's on the branch: applying again would leave
        it on no branch, so apply stops and names it."""
        kdir, _ = self.apply("6.12")
        with (kdir / "kernel/adder.c").open("a") as f:
            f.write("/* mine */\n")
        git(kdir, "commit", "-qam", "adder: a change of mine")
        mine = git(kdir, "rev-parse", "--short", "HEAD").strip()
        before = state(kdir)
        with self.assertRaises(SystemExit) as refusal:
            adder_apply.apply(REPO, kdir)
        self.assertEqual(before, state(kdir))
        said = str(refusal.exception)
        self.assertIn("holds commits that adder.py did not make", said)
        self.assertIn(f"  {mine} adder: a change of mine\n", said)
        self.refused_check(kdir)
        # What the message says to do, and apply makes a new branch.
        steps = re.findall(rf"(?m)^  git -C {re.escape(str(kdir))} (.*)$", said)
        self.assertEqual(2, len(steps), said)
        for step in steps:
            git(kdir, *step.split())
        self.assertIn("now has 5 commits", adder_apply.apply(REPO, kdir))
        self.assertEqual("adder: a change of mine\n",
                         git(kdir, "log", "-1", "--format=%s", "my-adder"))

    def test_older_series_applies_again(self) -> None:
        """A branch the tool made from an older series is replaced."""
        older = self.tmp / "older"
        for part in ("kernel", "lib-kunit", "selftests", "Documentation",
                     "MAINTAINERS-snippet", "adder-tooling/series"):
            (older / part).parent.mkdir(parents=True, exist_ok=True)
            if (REPO / part).is_dir():
                shutil.copytree(REPO / part, older / part, symlinks=True)
            else:
                shutil.copy(REPO / part, older / part)
        with (older / "kernel/adder.c").open("a") as f:
            f.write("/* an older adder() */\n")
        kdir = make_tree("6.12", self.tmp)
        adder_apply.apply(older, kdir)
        self.assertIn("now has 5 commits", adder_apply.apply(REPO, kdir))
        self.assertNotIn("older", show(kdir, "kernel/adder.c"))
        self.assertIn("nothing changed", adder_apply.apply(REPO, kdir))

    def refused_check(self, kdir: Path) -> None:
        before = state(kdir)
        with self.assertRaises(SystemExit) as refusal:
            adder_apply.apply(REPO, kdir, check=True)
        self.assertIn("applying would change it", str(refusal.exception))
        self.assertEqual(before, state(kdir))

    def test_branch_not_made_by_apply(self) -> None:
        kdir = make_tree("6.12", self.tmp)
        git(kdir, "branch", "adder")
        before = state(kdir)
        with self.assertRaises(SystemExit) as refusal:
            adder_apply.apply(REPO, kdir)
        self.assertIn("apply did not make it", str(refusal.exception))
        self.assertEqual(before, state(kdir))


def fake_tarball(where: Path, package: str = "linux-source-9.9") -> Path:
    """A linux-source tarball in small: a Makefile, a file in a directory,
    and a .gitignore that ends as Debian's do."""
    files = {"Makefile": "VERSION = 9\n", "kernel/sys.c": "/* sys */\n",
             ".gitignore": ".*\n!.gitignore\n*.o\n__pycache__/\n\n"
                           + adder_debian.DEBIAN_GITIGNORE}
    with tarfile.open(where / f"{package}.tar.xz", "w:xz") as tar:
        for name, text in files.items():
            member = tarfile.TarInfo(f"{package}/{name}")
            member.size = len(text)
            tar.addfile(member, io.BytesIO(text.encode()))
    return where / f"{package}.tar.xz"


class DebianTreeTest(unittest.TestCase):
    """A Debian linux-source tarball becomes a git tree, once; a tree of
    another version is replaced only when the tool made all of it."""

    def setUp(self) -> None:
        self.where = Path(tempfile.mkdtemp(dir=SCRATCH))
        fake_tarball(self.where)
        self.dest = self.where / "cache" / "linux-9.9"

    def tearDown(self) -> None:
        shutil.rmtree(self.where)

    def tree(self, version: str) -> str:
        """debian_tree() for the fake package's version; what it said."""
        said = io.StringIO()
        with redirect_stderr(said):
            adder_debian.debian_tree("linux-source-9.9", self.dest, self.where,
                                     version)
        return said.getvalue()

    def base(self, tree: Optional[Path] = None) -> str:
        return git(tree or self.dest, "log", "-1", "--format=%s", "master").strip()

    def test_extract_once(self) -> None:
        self.assertIn("extracting linux-source-9.9.tar.xz", self.tree("9.9-1"))
        self.assertEqual("Debian linux-source-9.9 9.9-1", self.base())
        self.assertEqual("VERSION = 9\n", (self.dest / "Makefile").read_text())
        head = git(self.dest, "rev-parse", "HEAD")
        self.assertEqual("", self.tree("9.9-1"))
        self.assertEqual(head, git(self.dest, "rev-parse", "HEAD"))
        with self.assertRaises(SystemExit) as missing:
            adder_debian.debian_tree("linux-source-8.8", self.where / "x", self.where)
        self.assertIn("apt-get install linux-source-8.8", str(missing.exception))

    def test_git_add_works(self) -> None:
        """Debian's rule is gone from .gitignore, and the commit says so."""
        self.tree("9.9-1")
        self.assertEqual(".*\n!.gitignore\n*.o\n__pycache__/\n",
                         (self.dest / ".gitignore").read_text())
        self.assertIn('"/*" and "!/debian/"',
                      git(self.dest, "log", "-1", "--format=%b"))
        (self.dest / "Makefile").write_text("VERSION = 9\n# mine\n")
        (self.dest / "kernel/new.c").write_text("/* new */\n")
        git(self.dest, "add", "Makefile", "kernel/new.c")
        self.assertEqual(["M  Makefile", "A  kernel/new.c"],
                         git(self.dest, "status", "--porcelain").splitlines())

    def test_gitignore_without_debians_rule(self) -> None:
        kernels = ".*\n*.o\n"
        self.assertEqual(kernels, adder_debian.drop_debian_gitignore(kernels))
        self.assertEqual(kernels, adder_debian.drop_debian_gitignore(
            kernels + "\n" + adder_debian.DEBIAN_GITIGNORE))
        self.assertEqual(kernels, adder_debian.drop_debian_gitignore(
            kernels + adder_debian.DEBIAN_GITIGNORE))

    def test_tools_own_tree_replaced(self) -> None:
        """The base and a branch of apply's, recorded, and the files the
        kernel's .gitignore ignores below the top: made again."""
        self.tree("9.9-1")
        made = self.commit("adder", "adder: the series")
        adder_apply.record_made(self.dest, [made])
        (self.dest / "kernel/__pycache__").mkdir()
        (self.dest / "kernel/__pycache__/x.pyc").write_text("")
        (self.dest / "kernel/sys.o").write_text("")
        said = self.tree("9.9-2")
        self.assertIn("holds Debian linux-source-9.9 9.9-1, not 9.9-2, and nothing "
                      "but what adder.py made: replacing it", said)
        self.assertEqual("Debian linux-source-9.9 9.9-2", self.base())
        self.assertEqual(["cache", "linux-source-9.9.tar.xz"],
                         sorted(p.name for p in self.where.iterdir()))
        self.assertEqual(["linux-9.9", "linux-9.9.lock"],
                         sorted(p.name for p in self.dest.parent.iterdir()))

    def commit(self, branch: str, subject: str) -> str:
        git(self.dest, "checkout", "-q", "-B", branch)
        with (self.dest / "kernel/sys.c").open("a") as f:
            f.write(f"/* {subject} */\n")
        git(self.dest, "commit", "-qam", subject)
        return git(self.dest, "rev-parse", "HEAD").strip()

    def test_users_work_moved_aside(self) -> None:
        """Each kind of work of the user's keeps the whole tree, moved
        aside under the old version's name, and says where it went."""
        def on_branch() -> None:
            self.commit("mine", "my change")

        def on_no_branch() -> None:
            self.commit("master", "my change")
            git(self.dest, "reset", "-q", "--hard", "HEAD~")

        def stashed() -> None:
            (self.dest / "Makefile").write_text("mine\n")
            git(self.dest, "stash", "-q")

        def tagged() -> None:
            self.commit("mine", "my change")
            git(self.dest, "tag", "v1")
            git(self.dest, "checkout", "-q", "master")
            git(self.dest, "branch", "-qD", "mine")

        def edited() -> None:
            (self.dest / "Makefile").write_text("mine\n")

        def untracked() -> None:
            (self.dest / "kernel/mine.c").write_text("mine\n")

        def configured() -> None:
            (self.dest / ".config").write_text("CONFIG_ADDER_SYSCALL=y\n")

        aside = self.dest.with_name("linux-9.9-9.9-1")
        said = {}
        for work in (on_branch, on_no_branch, stashed, tagged, edited,
                     untracked, configured):
            with self.subTest(work=work.__name__):
                shutil.rmtree(self.dest.parent, ignore_errors=True)
                self.tree("9.9-1")
                work()
                before = [git(self.dest, "rev-parse", "HEAD"),
                          git(self.dest, "for-each-ref"),
                          git(self.dest, "status", "--porcelain", "--ignored")]
                said[work.__name__] = self.tree("9.9-2")
                self.assertIn(f"It is now {aside}, as it was",
                              said[work.__name__])
                self.assertEqual(before, [git(aside, "rev-parse", "HEAD"),
                                          git(aside, "for-each-ref"),
                                          git(aside, "status", "--porcelain",
                                              "--ignored")])
                self.assertEqual("Debian linux-source-9.9 9.9-2", self.base())
                self.assertEqual("Debian linux-source-9.9 9.9-1", self.base(aside))
        self.assertRegex(said["on_branch"], r"\n  commits:\n    [0-9a-f]+ my change\n")
        self.assertRegex(said["on_no_branch"], r"\n    [0-9a-f]+ my change\n")
        self.assertIn("not committed: kernel/mine.c", said["untracked"])
        self.assertIn("ignores: .config", said["configured"])
        self.assertIn(f"git -C {self.dest} fetch {aside} BRANCH:BRANCH",
                      said["tagged"])
        # Where that name is taken, a tree aside gets another.
        taken = self.dest.with_name("linux-9.9-9.9-2")
        taken.mkdir()
        self.commit("mine", "my change")
        self.assertIn(f"It is now {taken}-2,", self.tree("9.9-3"))
        self.assertEqual("Debian linux-source-9.9 9.9-2", self.base(Path(f"{taken}-2")))

    def test_not_a_git_tree_moved_aside(self) -> None:
        self.dest.mkdir(parents=True)
        (self.dest / "notes").write_text("mine\n")
        self.assertIn("it is not a git tree", self.tree("9.9-1"))
        self.assertEqual("mine\n", (self.dest.with_name("linux-9.9-old") / "notes")
                         .read_text())
        self.assertEqual("Debian linux-source-9.9 9.9-1", self.base())


class SidTest(unittest.TestCase):
    """What sid-tree does without the network: the mirror, the private apt
    configuration, the choice of package, the tarball out of a .deb."""

    def test_mirror(self) -> None:
        # This machine's apt-get indextargets, as recorded.
        targets = ("http://deb.debian.org/debian-security/ bookworm-security main\n"
                   "http://deb.debian.org/debian/ bookworm main\n"
                   "http://deb.debian.org/debian/ bookworm-updates main\n"
                   "http://deb.debian.org/debian/ bookworm contrib\n")
        self.assertEqual("http://deb.debian.org/debian/",
                         adder_sid.release_mirror(targets, "bookworm"))
        self.assertIsNone(adder_sid.release_mirror(targets, "trixie"))

    def test_newest(self) -> None:
        """By X.Y as numbers, linux-source-X.Y only."""
        packages = "\n\n".join(
            f"Package: {name}\nVersion: {version}\nSize: 1000000\n"
            f"Description: the kernel\n long: Package: linux-source-99.0\n"
            for name, version in (("linux-source", "7.10.1-1"),
                                  ("linux-source-7.2", "7.2.13-1"),
                                  ("linux-source-7.10", "7.10.1-1"),
                                  ("linux-headers-8.0", "8.0-1"),
                                  ("linux-source-6.12", "6.12.118-1")))
        self.assertEqual(adder_sid.Source("linux-source-7.10", "7.10.1-1", 1000000),
                         adder_sid.newest_source(packages))
        self.assertIsNone(adder_sid.newest_source("Package: linux-source\n"
                                                  "Version: 7.2.13-1\n"))

    def test_apt_config(self) -> None:
        """apt reads the configuration as meant: its own places, sid only,
        no hooks of the system's. (apt-config reads, and fetches nothing.)"""
        with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
            root = Path(tmp)
            (root / "apt.conf").write_text(adder_sid.apt_config(root))
            self.assertEqual("deb [arch=amd64] http://deb.debian.org/debian/ sid main\n",
                             adder_sid.sources_list("http://deb.debian.org/debian/",
                                                    "amd64"))
            dump = subprocess.run(["apt-config", "-c", str(root / "apt.conf"),
                                   "dump"], capture_output=True, text=True,
                                  check=True).stdout
        for key, value in (("Dir::Etc::sourcelist", f"{root}/sources.list"),
                           ("Dir::Etc::sourceparts", "/dev/null"),
                           ("Dir::Etc::preferencesparts", "/dev/null"),
                           ("Dir::State::lists", f"{root}/lists"),
                           ("Dir::State::status", f"{root}/status"),
                           ("Dir::Cache", f"{root}/cache")):
            self.assertIn(f'\n{key} "{value}";\n', dump)
        self.assertNotRegex(dump, r"APT::Update::[\w-]*Invoke[\w-]*:: ")

    def test_tarball_of_deb(self) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
            work = Path(tmp)
            package = work / "package"
            (package / "DEBIAN").mkdir(parents=True)
            (package / "DEBIAN/control").write_text(
                "Package: linux-source-9.9\nVersion: 9.9-1\nArchitecture: all\n"
                "Maintainer: Test <test@example.org>\nDescription: a test\n")
            (package / "usr/src").mkdir(parents=True)
            fake_tarball(package / "usr/src")
            (package / "usr/share/doc").mkdir(parents=True)
            subprocess.run(["dpkg-deb", "-Zgzip", "--root-owner-group", "-b",
                            str(package), str(work / "linux-source-9.9_9.9-1_all.deb")],
                           check=True, capture_output=True)
            shutil.rmtree(package)
            tarball = adder_sid.unpack_tarball(work, "linux-source-9.9")
            self.assertEqual(["linux-source-9.9.tar.xz"], [p.name for p in work.iterdir()])
            with tarfile.open(tarball) as tar:
                self.assertIn("linux-source-9.9/Makefile", tar.getnames())


def log(name: str) -> list[str]:
    return (LOGS / name).read_text(errors="replace").splitlines()


def edited(name: str, old: str, new: str, *more: tuple[str, str]) -> list[str]:
    """A recorded log with the smallest edit: old, and each further old
    of more, which must be there once, as its new."""
    text = (LOGS / name).read_text(errors="replace")
    for was, now in ((old, new), *more):
        assert text.count(was) == 1, f"{name}: {was!r} {text.count(was)} times"
        text = text.replace(was, now)
    return text.splitlines()


class KtapTest(unittest.TestCase):
    """The kselftest judge on recorded consoles, and on each way they can
    be wrong. kselftest-arm.log is a run that passed."""

    def problems(self, lines: list[str], expected: str, mode: str = "pass") -> list[str]:
        return adder_ktap.verdict(adder_ktap.parse(adder_ktap.extract(lines)),
                                  adder_ktap.read_expected(str(LOGS / expected)), mode)

    def assertFails(self, lines: list[str], said: str, expected: str = "kselftests-arm",
                    mode: str = "pass") -> None:
        problems = self.problems(lines, expected, mode)
        self.assertTrue(any(said in p for p in problems),
                        f"no problem says {said!r}: {problems}")

    def test_recorded_pass(self) -> None:
        self.assertEqual([], self.problems(log("kselftest-arm.log"), "kselftests-arm"))

    def test_recorded_not_ok(self) -> None:
        """arm64: the 32-bit program failed four of its tests."""
        lines = log("kselftest-arm64.log")
        self.assertFails(lines, "adder_test_arm32.sh: not ok # exit=1", "kselftests-arm64")
        self.assertFails(lines, "raw_boundaries: not ok, expected ok", "kselftests-arm64")
        problems = self.problems(lines, "kselftests-arm64")
        self.assertFalse([p for p in problems if p.startswith("adder_test:")], problems)

    def test_recorded_program_skipped(self) -> None:
        """riscv64: the rv32 program skipped where it was due to run."""
        lines = log("kselftest-riscv64.log")
        self.assertFails(lines, "adder_test_rv32.sh: ok # SKIP", "kselftests-riscv64")
        problems = self.problems(lines, "kselftests-riscv64")
        self.assertFalse([p for p in problems if p.startswith("adder_test:")], problems)

    def test_recorded_enosys(self) -> None:
        lines = log("kselftest-no-adder-arm64.log")
        self.assertEqual([], self.problems(lines, "kselftests-arm64", "enosys"))
        self.assertFails(lines, "adder_test: ok # SKIP", "kselftests-arm64", "pass")

    def test_recorded_host_skip(self) -> None:
        """make kselftest on a kernel without adder(): all skip, not ENOSYS."""
        lines = log("kselftest-host.log")
        self.assertEqual([], self.problems(lines, "kselftests-host", "skip"))
        self.assertFails(lines, "skipped without seeing ENOSYS", "kselftests-host", "enosys")

    def test_make_run_without_header(self) -> None:
        """7.x's make kselftest prints no version line and no plan; only a
        make run may lack them, and it must still have every program."""
        lines = log("kselftest-host-7.2.log")

        def make_run(lines: list[str], expected: str = "kselftests-host-7.2") -> list[str]:
            return adder_ktap.verdict(
                adder_ktap.parse(adder_ktap.extract(lines, make_run=True)),
                adder_ktap.read_expected(str(LOGS / expected)), "skip")
        self.assertEqual([], make_run(lines))
        self.assertFails(lines, "adder_test: no result", "kselftests-host-7.2", "skip")
        self.assertIn("adder_test_32.sh: no result (did not run?)",
                      make_run(lines, "kselftests-host"))
        failed = [line.replace("ok 1 selftests: adder: adder_test # SKIP",
                               "not ok 1 selftests: adder: adder_test") for line in lines]
        self.assertIn("adder_test: not ok, expected a SKIP", make_run(failed))
        # A run that has the version line (6.12's) keeps to its plan.
        planless = [line for line in log("kselftest-host.log") if line != "1..3"]
        self.assertIn("no plan line: the collection did not start",
                      make_run(planless, "kselftests-host"))

    def test_pass_is_no_skip(self) -> None:
        self.assertFails(log("kselftest-arm.log"), "expected a SKIP", mode="enosys")
        self.assertFails(log("kselftest-arm.log"), "expected a SKIP", mode="skip")

    def test_not_ok(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 2 global.libc_syscall",
                                "# not ok 2 global.libc_syscall"),
                         "libc_syscall: not ok, expected ok")

    def test_skip_where_pass_due(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 6 global.trace_events",
                                "# ok 6 global.trace_events # SKIP no tracefs"),
                         "trace_events: ok # SKIP, expected ok")

    def test_directive_where_pass_due(self) -> None:
        """Only a plain "ok" is a pass: kselftest's XFAIL and XPASS (with
        the harness's totals to match), TAP's TODO, and a skip spelled
        otherwise than kselftest's "# SKIP" are not."""
        for directive, totals in ((" # XFAIL known", "pass:5 fail:0 xfail:1 xpass:0 skip:0"),
                                  (" # XPASS", "pass:5 fail:0 xfail:0 xpass:1 skip:0"),
                                  (" # TODO not yet", ""),
                                  (" # skip no tracefs", ""),
                                  (" #SKIP no tracefs", ""),
                                  (" # SKIPPED", ""),
                                  (" #  diagnostic data", "")):
            with self.subTest(directive=directive):
                more = [("pass:6 fail:0 xfail:0 xpass:0 skip:0", totals)] if totals else []
                lines = edited("kselftest-arm.log", "# ok 6 global.trace_events\n",
                               f"# ok 6 global.trace_events{directive}\n", *more)
                self.assertFails(lines, f"trace_events: ok{directive}, expected ok")

    def test_program_directive_where_pass_due(self) -> None:
        """The runner's XFAIL (a program that exited 2) is no pass."""
        self.assertFails(edited("kselftest-arm.log", "ok 1 selftests: adder: adder_test\n",
                                "ok 1 selftests: adder: adder_test # XFAIL\n"),
                         "adder_test: ok # XFAIL")

    def test_skip_where_skip_due(self) -> None:
        """"NAME=skip" in the expected tests: that test must skip."""
        with tempfile.NamedTemporaryFile("w", dir=SCRATCH) as expected:
            expected.write("adder_test: global.raw_boundaries global.libc_syscall "
                           "global.overflow_rule global.threads global.seccomp_errno "
                           "global.trace_events=skip\n")
            expected.flush()
            skipped = edited("kselftest-arm.log", "# ok 6 global.trace_events",
                             "# ok 6 global.trace_events # SKIP no tracefs",
                             ("pass:6 fail:0 xfail:0 xpass:0 skip:0",
                              "pass:5 fail:0 xfail:0 xpass:0 skip:1"))
            self.assertEqual([], self.problems(skipped, expected.name))
            self.assertFails(log("kselftest-arm.log"), "trace_events: ok, expected ok # SKIP",
                             expected.name)

    def test_program_skipped(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "ok 1 selftests: adder: adder_test\n",
                                "ok 1 selftests: adder: adder_test # SKIP\n"),
                         "adder_test: ok # SKIP")

    def test_program_failed(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "ok 1 selftests: adder: adder_test\n",
                                "not ok 1 selftests: adder: adder_test # exit=1\n"),
                         "adder_test: not ok # exit=1")

    def test_plan_of_zero(self) -> None:
        """The program ran no test at all."""
        self.assertFails(edited("kselftest-arm.log", "# 1..6", "# 1..0"), "its plan is 0")

    def test_no_program_ran(self) -> None:
        """The collection's plan is 0 and nothing follows."""
        lines = log("kselftest-arm.log")
        start = lines.index("TAP version 13")
        self.assertFails(lines[:start] + ["TAP version 13", "1..0"],
                         "adder_test: no result (did not run?)")

    def test_short_plan(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "\n1..1\n", "\n1..2\n"),
                         "the plan promised 2 results, the KTAP has 1")
        self.assertFails(edited("kselftest-arm.log", "# 1..6", "# 1..7"),
                         "its plan is 7, 6 tests expected")

    def test_planned_not_run(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 6 global.trace_events\n",
                                "# ok 6 global.trace_events\n"
                                "# # Planned tests != run tests (7 != 6)\n"),
                         "Planned tests != run tests")

    def test_truncated(self) -> None:
        """The console stops in the middle of the program's tests."""
        lines = log("kselftest-arm.log")
        cut = lines.index("# ok 3 global.overflow_rule") + 1
        self.assertFails(lines[:cut], "adder_test: no result (did not run?)")
        self.assertFails(lines[:cut], "the plan promised 1 results, the KTAP has 0")

    def test_test_missing(self) -> None:
        lines = [line for line in log("kselftest-arm.log") if "global.threads" not in line]
        self.assertFails(lines, "threads: did not run, expected ok")

    def test_test_unexpected(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 4 global.threads",
                                "# ok 4 global.thread"),
                         "thread: not an expected test")

    def test_test_twice(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 5 global.seccomp_errno",
                                "# ok 4 global.threads"),
                         "threads reported twice")

    def test_program_twice(self) -> None:
        lines = log("kselftest-arm.log")
        self.assertFails(lines + ["ok 1 selftests: adder: adder_test"], "reported twice")

    def test_unknown_program(self) -> None:
        self.assertFails(log("kselftest-arm64.log"), "adder_test_arm32.sh: not an expected program")

    def test_second_plan(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "\n1..1\n", "\n1..1\n1..1\n"),
                         "a second plan line: 1..1")
        self.assertFails(edited("kselftest-arm.log", "# 1..6\n", "# 1..6\n# 1..6\n"),
                         "adder_test: a second plan line: 1..6")

    def test_harness_totals(self) -> None:
        """The harness's own counts: a failure, or counts that are not
        the results'."""
        for totals in ("pass:5 fail:1 xfail:0 xpass:0 skip:0 error:0",
                       "pass:6 fail:0 xfail:0 xpass:0 skip:0 error:1",
                       "pass:7 fail:0 xfail:0 xpass:0 skip:0 error:0",
                       "pass:5 fail:0 xfail:0 xpass:0 skip:1 error:0"):
            with self.subTest(totals=totals):
                self.assertFails(edited("kselftest-arm.log",
                                        "pass:6 fail:0 xfail:0 xpass:0 skip:0 error:0",
                                        totals),
                                 f"adder_test: Totals: {totals} (its results: pass:6 ")
        for said in ("FAILED: 5 / 6", "PASSED: 6 / 7", "PASSED: 5 / 6"):
            with self.subTest(said=said):
                self.assertFails(edited("kselftest-arm.log", "PASSED: 6 / 6", said),
                                 f"adder_test: {said} tests passed. (its results: 6 / 6)")

    def test_runner_totals(self) -> None:
        """7.2's run_kselftest.sh ends with totals of its own."""
        ending = "ok 1 selftests: adder: adder_test\n"
        clean = edited("kselftest-arm.log", ending,
                       ending + "# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0\n")
        self.assertEqual([], self.problems(clean, "kselftests-arm"))
        self.assertFails(edited("kselftest-arm.log", ending,
                                ending + "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 "
                                "error:0\n"),
                         "Totals: pass:0 fail:1")

    def test_bail_out(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "# ok 6 global.trace_events\n",
                                "# ok 6 global.trace_events\n# # Bail out! no memory\n"),
                         "adder_test: Bail out! no memory")
        self.assertFails(edited("kselftest-arm.log", "ok 1 selftests: adder: adder_test\n",
                                "ok 1 selftests: adder: adder_test\nBail out!  stopped\n"),
                         "Bail out!  stopped")

    def test_result_outside_program(self) -> None:
        self.assertFails(edited("kselftest-arm.log", "ok 1 selftests: adder: adder_test\n",
                                "ok 1 selftests: adder: adder_test\n"
                                "# not ok 2 global.libc_syscall\n"),
                         "a result outside any program: # not ok 2 global.libc_syscall")

    def test_crlf(self) -> None:
        crlf = (LOGS / "kselftest-arm.log").read_text().replace("\n", "\r\n")
        self.assertEqual([], self.problems(crlf.split("\n"), "kselftests-arm"))

    def test_printk_between_results(self) -> None:
        lines = edited("kselftest-arm.log", "# ok 3 global.overflow_rule\n",
                       "# ok 3 global.overflow_rule\n[    1.234567] random: crng init done\n"
                       "\x1b[0m[    1.234600] clocksource: Switched to clocksource\n")
        self.assertEqual([], self.problems(lines, "kselftests-arm"))

    def test_no_ktap(self) -> None:
        lines = log("kselftest-arm.log")
        self.assertEqual([], adder_ktap.extract(lines[:lines.index("TAP version 13")]))

    def test_escapes_before_version(self) -> None:
        """i386: SeaBIOS writes "Booting from ROM..", then resets and clears
        the screen on the same line as "TAP version 13"."""
        lines = log("kselftest-no-adder-i386-7.2.log")
        self.assertTrue(any(line.endswith("\x1b[2JTAP version 13") for line in lines))
        self.assertEqual("TAP version 13", adder_ktap.extract(lines)[0])
        self.assertEqual([], self.problems(lines, "kselftests-i386-7.2", "enosys"))
        # Text after the version line on that line is no version line.
        trailing = [line + " x" if line.endswith("TAP version 13") else line
                    for line in lines]
        self.assertEqual([], adder_ktap.extract(trailing))

    def test_escapes_of_every_kind(self) -> None:
        """CSI with parameters, OSC ended by BEL or ST, two-character ones,
        one after another; and KTAP's own version line."""
        for before, version in (("\x1b[2J\x1b[0;1H", "TAP version 13"),
                                ("\x1b[?25h\x1b[1;32m", "TAP version 13"),
                                ("\x1b]0;ttyS0\x07\x1b]2;x\x1b\\", "TAP version 13"),
                                ("\x1b7\x1b(B\x1bc", "TAP version 13"),
                                ("", "KTAP version 1")):
            with self.subTest(before=before, version=version):
                lines = edited("kselftest-arm.log", "\nTAP version 13\n",
                               f"\n{before}{version}\n")
                self.assertEqual(version, adder_ktap.extract(lines)[0])
                self.assertEqual([], self.problems(lines, "kselftests-arm"))

    def test_text_before_version(self) -> None:
        """Text, not a control sequence, before it: no version line."""
        lines = edited("kselftest-arm.log", "\nTAP version 13\n", "\n# TAP version 13\n")
        self.assertEqual([], adder_ktap.extract(lines))

    def test_kernel_lines_left_out(self) -> None:
        ktap = adder_ktap.extract(log("kselftest-riscv64.log"))
        self.assertEqual("TAP version 13", ktap[0])
        self.assertFalse([line for line in ktap if line.startswith("[")])

    def test_expected_files(self) -> None:
        """Each architecture's arch/*/kselftests reads, and names adder_test."""
        for path in sorted(REPO.glob("arch/*/kselftests")):
            with self.subTest(path=str(path)):
                expected = adder_ktap.read_expected(str(path))
                self.assertIn("adder_test", expected)
                for tests in expected.values():
                    self.assertTrue(tests)
                    self.assertLessEqual(set(tests.values()), {"ok", "ok # SKIP"})


class KunitTest(unittest.TestCase):
    """The KUnit judge on kunit.py's recorded JSON, and each way it can be
    wrong. kunit-arm64.json is a run that passed."""

    cases = adder_kunit_json.read_cases(str(LOGS / "kunit-cases"))

    def result(self, name: str = "kunit-arm64.json") -> dict[str, Any]:
        result: dict[str, Any] = json.loads((LOGS / name).read_text())
        return result

    def suite(self, result: dict[str, Any]) -> dict[str, Any]:
        suite: dict[str, Any] = result["sub_groups"][0]
        self.assertEqual("adder", suite["name"])
        return suite

    def verdict(self, result: dict[str, Any]) -> list[str]:
        return adder_kunit_json.verdict(adder_kunit_json.find_all(result, "adder"),
                                        self.cases)

    def problems(self, change: Callable[[dict[str, Any]], object],
                 name: str = "kunit-arm64.json") -> str:
        """The problems of a recorded result, after change(its suite)."""
        result = self.result(name)
        change(self.suite(result))
        return "\n".join(self.verdict(result))

    def test_recorded_pass(self) -> None:
        self.assertEqual([], self.verdict(self.result()))
        self.assertEqual([], self.verdict(self.result("kunit-arm64-7.2.json")))

    def test_count_as_kunit_py(self) -> None:
        """The count is the one kunit.py printed for the same run, from
        its JSON of 6.12 (statuses only) and of 7.2 (its own counts)."""
        ran = adder_kunit_json.ran(self.result())
        self.assertEqual("Ran 50 tests: passed: 50", ran)
        self.assertIn(f"Testing complete. {ran}", log("kunit-arm64.log")[-4])
        self.assertEqual(ran, adder_kunit_json.ran(self.result("kunit-arm64-7.2.json")))

    def test_failed(self) -> None:
        def fail(suite: dict[str, Any]) -> None:
            suite["test_cases"][2]["status"] = "FAIL"
        self.assertIn("adder_test_identity: FAIL", self.problems(fail))

    def test_parameter_failed(self) -> None:
        def fail(suite: dict[str, Any]) -> None:
            suite["sub_groups"][1]["test_cases"][7]["status"] = "FAIL"
        self.assertIn("adder_test_narrow_table: 2147483647 + 1: FAIL", self.problems(fail))

    def test_skipped(self) -> None:
        def skip(suite: dict[str, Any]) -> None:
            suite["test_cases"][0]["status"] = "SKIP"
            suite["sub_groups"][0]["test_cases"][0]["status"] = "SKIP"
        said = self.problems(skip)
        self.assertIn("adder_test_errno_range_wide: SKIP", said)
        self.assertIn("adder_test_wide_table: 0 + 0: SKIP", said)

    def test_crashed(self) -> None:
        def crash(suite: dict[str, Any]) -> None:
            suite["test_cases"][-1]["status"] = "ERROR"
        self.assertIn("adder_test_random_narrow: ERROR", self.problems(crash))

    def test_parameter_gone(self) -> None:
        """A parameter table cut short in the source."""
        def cut(suite: dict[str, Any]) -> None:
            suite["sub_groups"][0]["test_cases"].pop()
        self.assertIn("adder_test_wide_table: 19 distinct parameters ran, 20 expected",
                      self.problems(cut))

    def test_parameter_added(self) -> None:
        def grow(suite: dict[str, Any]) -> None:
            suite["sub_groups"][1]["test_cases"].append({"name": "1 + 1", "status": "PASS"})
        self.assertIn("adder_test_narrow_table: 21 distinct parameters ran, 20 expected",
                      self.problems(grow))

    def test_case_twice(self) -> None:
        """A failure, then a pass of the same case: each is a result."""
        def again(suite: dict[str, Any]) -> None:
            suite["test_cases"].insert(2, {"name": "adder_test_identity", "status": "FAIL"})
        self.assertIn("adder_test_identity: reported 2 times", self.problems(again))

    def test_case_shadowed_by_group(self) -> None:
        """A failing case of the name of a parameterised case."""
        def shadow(suite: dict[str, Any]) -> None:
            suite["test_cases"].append({"name": "adder_test_wide_table", "status": "FAIL"})
        self.assertIn("adder_test_wide_table: reported 2 times", self.problems(shadow))

    def test_group_in_parameterised_case(self) -> None:
        def nest(suite: dict[str, Any]) -> None:
            suite["sub_groups"][0]["sub_groups"].append(
                {"name": "inner", "sub_groups": [],
                 "test_cases": [{"name": "0 + 0", "status": "FAIL"}]})
        self.assertIn("adder_test_wide_table: inner: a group inside a parameterised case",
                      self.problems(nest))

    def test_second_suite(self) -> None:
        """Another suite named adder, next to it or inside another group."""
        for where in ("top", "nested"):
            with self.subTest(where=where):
                result = self.result()
                failed = copy.deepcopy(self.suite(result))
                failed["test_cases"][0]["status"] = "FAIL"
                inside = result if where == "top" else result["sub_groups"][0]["sub_groups"][0]
                inside["sub_groups"].append(failed)
                self.assertIn("the suite adder is reported 2 times", self.verdict(result))

    def test_parameter_twice_another_gone(self) -> None:
        """The count is right; the names are not."""
        def swap(suite: dict[str, Any]) -> None:
            params = suite["sub_groups"][0]["test_cases"]
            params[3]["name"] = params[2]["name"]
        said = self.problems(swap)
        self.assertIn("adder_test_wide_table: 0 + -1: reported 2 times", said)
        self.assertIn("adder_test_wide_table: 19 distinct parameters ran, 20 expected", said)

    def test_group_failed_its_cases_passed(self) -> None:
        """7.2's kunit.py counts a group whose own line is "not ok" while
        its cases passed, as it does for KTAP "not ok 1
        adder_test_wide_table" after twenty "ok" parameters."""
        def fail(suite: dict[str, Any]) -> None:
            for group in (suite, suite["sub_groups"][0]):
                group["misc"]["failed"] = 1
        self.assertIn("adder_test_wide_table: kunit.py counted Ran 21 tests: passed: 20, "
                      "failed: 1; 20 cases are in it",
                      self.problems(fail, "kunit-arm64-7.2.json"))

    def test_kunit_py_errors(self) -> None:
        """kunit.py met a KTAP it could not read whole (a missing plan)."""
        def error(suite: dict[str, Any]) -> None:
            suite["misc"]["errors"] = 1
        self.assertIn("adder: kunit.py counted Ran 50 tests: passed: 50, errors: 1",
                      self.problems(error, "kunit-arm64-7.2.json"))

    def test_case_gone(self) -> None:
        def drop(suite: dict[str, Any]) -> None:
            suite["test_cases"].pop(3)
            suite["sub_groups"].pop()
        said = self.problems(drop)
        self.assertIn("adder_test_commutative: did not run", said)
        self.assertIn("adder_test_narrow_table: did not run as a parameterised case", said)

    def test_case_unexpected(self) -> None:
        def add(suite: dict[str, Any]) -> None:
            suite["test_cases"].append({"name": "adder_test_new", "status": "PASS"})
        self.assertIn("adder_test_new: not an expected case", self.problems(add))

    def test_truncated(self) -> None:
        """kunit.py's own JSON of a KTAP that stops in a parameter table."""
        result = self.result("kunit-arm64-truncated.json")
        said = "\n".join(self.verdict(result))
        self.assertIn("adder_test_narrow_table: 7 distinct parameters ran, 20 expected", said)
        self.assertIn("adder_test_identity: did not run", said)
        self.assertEqual("Ran 37 tests: passed: 27, crashed: 10",
                         adder_kunit_json.ran(result))

    def test_zero_tests(self) -> None:
        """kunit.py found no KTAP at all (sh: the kernel printed nothing)."""
        result = self.result("kunit-qemu-sh.json")
        self.assertEqual([], adder_kunit_json.find_all(result, "adder"))
        self.assertEqual("Ran 0 tests", adder_kunit_json.ran(result))
        suites = adder_kunit_json.find_all(self.result(), "adder")
        self.assertIn("no case is expected", adder_kunit_json.verdict(suites, {})[0])

    def test_cases_file(self) -> None:
        """adder-tooling/kunit-cases reads: two tables of parameters."""
        cases = adder_kunit_json.read_cases(str(TOOLS / "kunit-cases"))
        self.assertTrue(cases)
        self.assertTrue(all(n is None or n > 0 for n in cases.values()))


class ConsoleTest(unittest.TestCase):
    """The console judge: recorded consoles are clean; each report the
    kernel makes, put into a clean console of its kind (a VM's, time
    stamped, before the program's end; UML's test.log, KTAP and kernel
    lines unstamped), fails it, on the very line that carries it; a
    test's own diagnostics do not."""

    clean = ["kselftest-arm.log", "kselftest-arm64.log", "kselftest-riscv64.log",
             "kselftest-no-adder-arm64.log", "kselftest-host.log",
             "kselftest-no-adder-i386-7.2.log", "kunit-arm64.ktap",
             "kunit-arm64.log", "kunit-qemu-sh.log"]
    # Each report of a VM's console, and the lines of it that must be caught.
    reports = {"warning": ("[ cut here ]", "WARNING: CPU: 0 PID: 142 at kernel/adder.c:58"),
               "bug": ("BUG: scheduling while atomic",),
               "oops": ("BUG: kernel NULL pointer dereference", "Oops: Oops: 0002 [#1]"),
               "oops-arm": ("8<--- cut here ---", "Unable to handle kernel NULL",
                            "Internal error: Oops: 805"),
               "oops-arm64": ("Unable to handle kernel NULL pointer",
                              "Internal error: Oops: 0000000096000046 [#1]"),
               "oops-riscv": ("Unable to handle kernel NULL pointer", "Oops [#1]"),
               "kasan-null": ("Oops: general protection fault",
                              "KASAN: null-ptr-deref in range"),
               "panic": ("Kernel panic - not syncing: Attempted",
                         "---[ end Kernel panic"),
               "rcu-stall": ("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",),
               "hung-task": ("INFO: task adder_test:61 blocked for more than 122 seconds.",),
               "hard-lockup": ("watchdog: CPU1: Watchdog detected hard LOCKUP on cpu 0",),
               "slub": ("] =====", "BUG kmalloc-64 (Not tainted): Object corrupt"),
               "refcount": ("refcount_t: underflow; use-after-free.",),
               "list-corruption": ("list_del corruption, ffff888003a1c0c8->next is "
                                   "LIST_POISON1",)}
    # Each report of UML's test.log, likewise.
    uml_reports = {"ubsan": ("UBSAN: array-index-out-of-bounds in",),
                   "kasan": ("BUG: KASAN: slab-use-after-free in adder_sum32",),
                   "uml-panic": ("Kernel panic - not syncing: Kernel mode fault",)}
    # One line of each of the kernel's other reports, as 7.2 prints it.
    formats = (
        "rcu: INFO: rcu_sched self-detected stall on CPU",  # kernel/rcu/tree_stall.h
        "rcu: INFO: rcu_preempt detected expedited stalls on CPUs/tasks: {",  # tree_exp.h
        "INFO: rcu_tasks detected stalls on tasks:",  # kernel/rcu/tasks.h
        "INFO: task adder_test:61 is blocked on a mutex likely owned by task "
        "adder_test:60.",  # kernel/hung_task.c
        "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [adder_test:61]",  # watchdog.c
        "BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 31s!",
        "list_add corruption. prev->next should be next (ffff888003a1c0c8), but was "
        "0000000000000000. (prev=ffff888003a1c0d0).",  # lib/list_debug.c
        "refcount_t: saturated; leaking memory.",  # lib/refcount.c
        "kernel BUG at kernel/adder.c:42!",  # lib/bug.c
        "Kernel BUG [#1]",  # arch/riscv/kernel/traps.c
        "Internal error: Oops - BUG: 00000000f2000800 [#1]  SMP",  # arch/arm64/kernel/traps.c
        "Oops: general protection fault, probably for non-canonical address "
        "0xdead000000000100: 0000 [#1] SMP NOPTI",  # arch/x86/kernel/traps.c, dumpstack.c
        "Unable to handle kernel paging request at virtual address ffff800080000000",
        "BUG: KFENCE: out-of-bounds read in adder_sum32+0x1c/0x40",  # mm/kfence/report.c
        "BUG: KCSAN: data-race in adder_sum32 / adder_sum32",  # kernel/kcsan/report.c
        "BUG: KMSAN: uninit-value in adder_sum32+0x1c/0x40",  # mm/kmsan/report.c
        "UBSAN: signed-integer-overflow in kernel/adder.c:51:9",  # lib/ubsan.c
        "==================================================================",  # kasan, kfence
        "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
        "Uhhuh. NMI received for unknown reason 3c on CPU 0.",  # arch/x86/kernel/nmi.c
        "INFO: trying to register non-static key.",  # kernel/locking/lockdep.c
        "Call Trace:",  # arch/x86/kernel/dumpstack.c, riscv, um
        "Call trace:",  # arch/arm64/kernel/stacktrace.c, arm
        "Modules linked in: adder_kunit",  # kernel/module/main.c
        "---[ end trace 0000000000000000 ]---",  # kernel/panic.c
        "Kernel panic - not syncing: Fatal exception")  # kernel/panic.c

    def hits(self, lines: list[str]) -> list[str]:
        return [line[2:] for line in adder_console.report(lines) if line.startswith(">")]

    def assertCaught(self, lines: list[str], *caught: str) -> None:
        hits = self.hits(lines)
        for line in caught:
            self.assertTrue(any(line in hit for hit in hits), f"{line!r} not caught: {hits}")

    def vm(self, inserted: str) -> list[str]:
        """The clean arm console, with lines put in before the program's end."""
        return edited("kselftest-arm.log", "adder-vm: exit status",
                      inserted + "adder-vm: exit status")

    def uml(self, inserted: str) -> list[str]:
        """UML's test.log as the KTAP of the arm64 run, lines put in before
        the suite's end."""
        return edited("kunit-arm64.ktap", "# adder: pass:12", inserted + "# adder: pass:12")

    def test_clean(self) -> None:
        for name in self.clean:
            with self.subTest(log=name):
                self.assertEqual([], adder_console.report(log(name)))

    def test_reports(self) -> None:
        for name, caught in self.reports.items():
            with self.subTest(report=name):
                self.assertCaught(self.vm((LOGS / f"report-{name}.txt").read_text()), *caught)
        for name, caught in self.uml_reports.items():
            with self.subTest(report=name):
                self.assertCaught(self.uml((LOGS / f"report-{name}.txt").read_text()), *caught)

    def test_formats(self) -> None:
        """Each alone, on a VM's console and in UML's test.log."""
        for line in self.formats:
            with self.subTest(line=line):
                self.assertCaught(self.vm(f"[    1.234567] {line}\n"), line)
                self.assertCaught(self.uml(f"{line}\n"), line)

    def test_kernel_line_forms(self) -> None:
        """After a level or a control sequence, with a caller id, or after a
        program's output on the same line."""
        for line in ("<4>[    1.234567] WARNING: kernel/adder.c:58 at x, CPU#0: a/1",
                     "\x1b[0m[    1.234567] BUG: scheduling while atomic",
                     "[    1.234567][   T61] UBSAN: shift-out-of-bounds in kernel/adder.c:5:9",
                     "# ok 3 global.overflow_r[    1.234567] Oops: Oops: 0002 [#1]"):
            with self.subTest(line=line):
                self.assertCaught(self.vm(line + "\n"), line[-20:])

    def test_test_diagnostics(self) -> None:
        """What a test says is not the kernel's report; the same words as a
        kernel line are."""
        said = ("BUG: something", "UBSAN in name", "WARNING: expected 3",
                "Kernel panic - not syncing: a test's words", "=" * 30)
        for words in said:
            with self.subTest(words=words):
                self.assertEqual([], adder_console.report(self.vm(f"# # {words}\n")))
                self.assertEqual([], adder_console.report(self.vm(f"# {words}\n")))
                self.assertEqual([], adder_console.report(
                    self.uml(f"        # adder_test_wide_table: {words}\n")))
                self.assertEqual([], adder_console.report(
                    self.uml(f"    not ok 13 adder_test_x # {words}\n")))
                self.assertCaught(self.vm(f"[    1.234567] {words}\n"), words)
        self.assertEqual([], adder_console.report(
            edited("kselftest-arm.log", "# ok 6 global.trace_events\n",
                   "# ok 6 global.trace_events # SKIP BUG: 42\n")))

    def test_recorded_oops(self) -> None:
        """A whole console, recorded: the selftests ran on a kernel whose
        adder() wrote through NULL, and every Oops of it is caught, and
        none of the console's other lines."""
        lines = log("console-null-deref-x86_64.log")
        hits = self.hits(lines)
        self.assertEqual(3, sum("Oops: Oops: 0002" in hit for hit in hits), hits)
        for benign in ("CPU topo: CPU limit of 1 reached", "kselftest: Running tests",
                       "input: ImExPS/2 Generic Explorer Mouse"):
            self.assertFalse([hit for hit in hits if benign in hit], benign)

    def test_context(self) -> None:
        lines = [f"line {i}" for i in range(20)]
        lines[10] = "[    1.0] WARNING: here"
        self.assertEqual([f"| line {i}" for i in range(7, 10)] +
                         ["> [    1.0] WARNING: here"] +
                         [f"| line {i}" for i in range(11, 14)],
                         adder_console.report(lines))


class TablesTest(unittest.TestCase):
    """The table judge on the tables kbuild generated with adder() applied,
    6.12's (test_data/tables/6.12/) and 7.2's (7.2/), each version with
    the files of its tree that say what kbuild generates (kdir/), and on
    each way one of them can be wrong."""

    known = {version: adder_tables.generic_numbers(DATA / "tables" / version / "kdir")
             for version in ("6.12", "7.2")}

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(dir=SCRATCH))

    def tearDown(self) -> None:
        shutil.rmtree(self.tmp)

    def judge(self, build: str, path: str, *changes: tuple[str, str]) -> Optional[str]:
        """The verdict on one file of a build ("6.12/x86"), after the edits."""
        text = (DATA / "tables" / build / path).read_text()
        for old, new in changes:
            self.assertEqual(1, text.count(old), old)
            text = text.replace(old, new)
        copy = self.tmp / Path(path).name
        copy.write_text(text)
        return adder_tables.judge(copy, self.known[build.split("/")[0]])[1]

    def judge_build(self, version: str, build: Path) -> dict[str, str]:
        """file -> verdict, for one build of a version's."""
        return dict(adder_tables.judge_build(DATA / "tables" / version / "kdir", build,
                                             self.known[version]))

    def recorded(self, version: str) -> dict[tuple[str, str], str]:
        """(build, file) -> verdict, for every build of a version's."""
        builds = sorted(p for p in (DATA / "tables" / version).iterdir()
                        if p.is_dir() and p.name != "kdir")
        return {(build.name, path): verdict for build in builds
                for path, verdict in self.judge_build(version, build).items()}

    def build_copy(self, build: str) -> Path:
        copy = self.tmp / build
        shutil.copytree(DATA / "tables" / build, copy)
        return copy

    def assertAllOk(self, verdicts: dict[tuple[str, str], str], count: int,
                    wanted: dict[tuple[str, str], str]) -> None:
        self.assertEqual(count, len(verdicts), verdicts)
        for where, verdict in verdicts.items():
            self.assertTrue(verdict.startswith("ok: adder "), (where, verdict))
        for where, said in wanted.items():
            self.assertIn(said, verdicts[where])

    def test_recorded(self) -> None:
        self.assertAllOk(self.recorded("6.12"), 18, {
            ("x86", "usr/include/asm/unistd_x32.h"): "__X32_SYSCALL_BIT + 463",
            ("mips", "usr/include/asm/unistd_n32.h"): "__NR_Linux + 463",
            ("alpha", "usr/include/asm/unistd_32.h"): "adder 573",
            ("s390", "usr/include/asm/unistd_32.h"): "adder 463",
            ("s390", "arch/s390/include/generated/asm/syscall_table.h"):
            "adder 463 -> sys_adder, sys_adder"})

    def test_recorded_7_2(self) -> None:
        """s390 without compat (6.19 and later): its table in the generic
        __SYSCALL form, one entry a call, and no unistd_32.h."""
        verdicts = self.recorded("7.2")
        self.assertAllOk(verdicts, 13, {
            ("s390", "usr/include/asm/unistd_64.h"): "adder 472",
            ("s390", "arch/s390/include/generated/asm/syscall_table.h"):
            "adder 472 -> sys_adder (",
            ("arm", "usr/include/asm/unistd-eabi.h"): "__NR_SYSCALL_BASE + 472",
            ("arm64", "arch/arm64/include/generated/asm/unistd_compat_32.h"): "adder 472",
            ("x86", "arch/x86/include/generated/asm/syscalls_32.h"): "adder 472"})
        self.assertNotIn(("s390", "usr/include/asm/unistd_32.h"), verdicts)

    def test_expected_per_version(self) -> None:
        """What each tree's kbuild files say a build gets: s390 lost its
        compat tables in 6.19; x86's 64-bit tables need a configured
        build, and its x32-only list holds none of the new calls; arm's
        kernel-side tables come from make prepare; arm64's are the
        generic ones."""
        def names(version: str, arch: str) -> set[str]:
            found = adder_tables.expected_tables(DATA / "tables" / version / "kdir", arch,
                                                 DATA / "tables" / version / arch,
                                                 self.known[version])
            return {("usr/" if e.uapi else "") + e.name for e in found}
        self.assertEqual({"usr/unistd_32.h", "usr/unistd_64.h", "syscall_table.h"},
                         names("6.12", "s390"))
        self.assertEqual({"usr/unistd_64.h", "syscall_table.h"}, names("7.2", "s390"))
        self.assertEqual({"usr/unistd_32.h", "usr/unistd_64.h", "usr/unistd_x32.h",
                          "syscalls_32.h", "syscalls_64.h", "syscalls_x32.h",
                          "unistd_32_ia32.h"}, names("6.12", "x86"))
        self.assertEqual({"usr/unistd_32.h", "usr/unistd_64.h", "usr/unistd_x32.h",
                          "syscalls_32.h"}, names("7.2", "x86"))
        self.assertEqual({"usr/unistd-oabi.h", "usr/unistd-eabi.h"}, names("7.2", "arm"))
        self.assertEqual({"usr/unistd_64.h", "syscall_table_32.h", "syscall_table_64.h",
                          "unistd_32.h", "unistd_compat_32.h"}, names("7.2", "arm64"))

    def test_table_missing(self) -> None:
        build = self.build_copy("7.2/s390")
        (build / "arch/s390/include/generated/asm/syscall_table.h").unlink()
        self.assertEqual("FAIL: not generated (arch/s390/kernel/syscalls/Makefile makes it)",
                         self.judge_build("7.2", build)["syscall_table.h"])
        build = self.build_copy("6.12/s390")
        (build / "usr/include/asm/unistd_32.h").unlink()
        self.assertEqual("FAIL: not generated (arch/s390/kernel/syscalls/Makefile makes it)",
                         self.judge_build("6.12", build)["unistd_32.h"])

    def test_table_unreadable(self) -> None:
        """A table of fewer than five of the new calls (here cut short) is
        no table to skip: kbuild makes it one."""
        build = self.build_copy("6.12/x86")
        table = build / "arch/x86/include/generated/asm/syscalls_64.h"
        table.write_text("".join(table.read_text().splitlines(keepends=True)[:5]))
        self.assertEqual("FAIL: 3 of the calls from 424 on: not a table the judge can "
                         "read (arch/x86/entry/syscalls/Makefile makes it one)",
                         self.judge_build("6.12", build)[
                             "arch/x86/include/generated/asm/syscalls_64.h"])

    def test_build_not_an_arch(self) -> None:
        build = self.tmp / "x86_64"
        shutil.copytree(DATA / "tables/7.2/x86", build)
        self.assertIn("FAIL: no arch/x86_64 in", self.judge_build("7.2", build)["x86_64"])

    def test_no_table(self) -> None:
        build = self.tmp / "s390"
        build.mkdir()
        self.assertEqual({"unistd_64.h", "syscall_table.h"},
                         set(self.judge_build("7.2", build)))

    def test_adder_missing(self) -> None:
        said = self.judge("6.12/x86", "arch/x86/include/generated/asm/syscalls_64.h",
                          ("__SYSCALL(463, sys_adder)\n", ""))
        self.assertEqual("FAIL: no adder (expected 463, from 39 newer calls)", said)

    def test_wrong_number(self) -> None:
        said = self.judge("6.12/mips", "usr/include/asm/unistd_n32.h",
                          ("(__NR_Linux + 463)", "(__NR_Linux + 464)"))
        self.assertEqual("FAIL: adder is __NR_Linux + 464, expected __NR_Linux + 463", said)

    def test_wrong_entry(self) -> None:
        said = self.judge("6.12/s390", "arch/s390/include/generated/asm/syscall_table.h",
                          ("SYSCALL(sys_adder,sys_adder)", "SYSCALL(sys_adder,sys_ni_syscall)"))
        self.assertEqual("FAIL: adder 463 names sys_ni_syscall", said)

    def test_wrong_entry_7_2(self) -> None:
        said = self.judge("7.2/s390", "arch/s390/include/generated/asm/syscall_table.h",
                          ("__SYSCALL(472, sys_adder)", "__SYSCALL(472, sys_ni_syscall)"))
        self.assertTrue(str(said).startswith("FAIL: no adder"), said)

    def test_compat_entry(self) -> None:
        """adder() has no compat entry point; nor the __x64_ prefix the
        build adds itself (the tutorial's)."""
        for build, path, change, entries in (
                ("6.12/x86", "arch/x86/include/generated/asm/syscalls_32.h",
                 ("__SYSCALL(463, sys_adder)",
                  "__SYSCALL_WITH_COMPAT(463, sys_adder, compat_sys_adder)"),
                 "463 names compat_sys_adder"),
                ("7.2/x86", "arch/x86/include/generated/asm/syscalls_32.h",
                 ("__SYSCALL(472, sys_adder)", "__SYSCALL(472, compat_sys_adder)"),
                 "472 names compat_sys_adder"),
                ("6.12/s390", "arch/s390/include/generated/asm/syscall_table.h",
                 ("SYSCALL(sys_adder,sys_adder)", "SYSCALL(sys_adder,compat_sys_adder)"),
                 "463 names compat_sys_adder"),
                ("6.12/x86", "arch/x86/include/generated/asm/syscalls_64.h",
                 ("__SYSCALL(463, sys_adder)", "__SYSCALL(463, __x64_sys_adder)"),
                 "463 names __x64_sys_adder")):
            with self.subTest(build=build, change=change):
                self.assertEqual(f"FAIL: adder {entries}", self.judge(build, path, change))

    def test_twice(self) -> None:
        """In another call's slot, a stray row before the right one, a
        second definition with the wrong value first."""
        for build, path, change, numbers in (
                ("6.12/x86", "arch/x86/include/generated/asm/syscalls_64.h",
                 ("__SYSCALL(462, sys_mseal)", "__SYSCALL(462, sys_adder)"), "462, 463"),
                ("7.2/s390", "arch/s390/include/generated/asm/syscall_table.h",
                 ("__SYSCALL(424, sys_pidfd_send_signal)",
                  "__SYSCALL(423, sys_adder)\n__SYSCALL(424, sys_pidfd_send_signal)"),
                 "423, 472"),
                ("6.12/x86", "usr/include/asm/unistd_64.h",
                 ("#define __NR_adder 463", "#define __NR_adder 464\n#define __NR_adder 463"),
                 "464, 463"),
                ("6.12/x86", "arch/x86/include/generated/asm/unistd_32_ia32.h",
                 ("#define __NR_ia32_adder 463",
                  "#define __NR_ia32_adder 463\n#define __NR_adder 463"), "463, 463")):
            with self.subTest(build=build, change=change):
                self.assertEqual(f"FAIL: adder is there 2 times: {numbers}",
                                 self.judge(build, path, change))

    def test_not_read(self) -> None:
        """What a comment or "#if 0" holds is not in the table; an #else
        of "#if 0" is."""
        path = "usr/include/asm/unistd_64.h"
        define = "#define __NR_adder 472"
        for hidden in (f"/* {define} */", f"/*\n{define}\n*/", f"// {define}",
                       f"#if 0\n{define}\n#endif", f"# if (0)\n{define}\n#endif",
                       f"#if 0\n#ifdef __KERNEL__\n#endif\n{define}\n#endif"):
            with self.subTest(hidden=hidden):
                said = self.judge("7.2/x86", path, (define, hidden))
                self.assertTrue(str(said).startswith("FAIL: no adder"), said)
        said = self.judge("7.2/x86", path, (define, f"#if 0\n#else\n{define}\n#endif"))
        self.assertTrue(str(said).startswith("ok: adder 472"), said)

    def test_no_single_offset(self) -> None:
        said = self.judge("6.12/x86", "usr/include/asm/unistd_64.h",
                          ("__NR_mseal 462", "__NR_mseal 562"))
        self.assertTrue(str(said).startswith("FAIL: no single offset"), said)

    def test_kernel_side_count(self) -> None:
        """A list with its __KERNEL__ part keeps __NR_syscalls: no call."""
        said = self.judge("6.12/x86", "usr/include/asm/unistd_x32.h",
                          ("\n\n#endif", "\n#define __NR_syscalls 548\n\n#endif"))
        self.assertEqual("ok", str(said)[:2])

    def test_not_a_table(self) -> None:
        """A file that lists no more than four of the new calls gets no
        verdict of its own (judge_build decides whether it had to)."""
        said = self.judge("6.12/x86", "usr/include/asm/unistd_x32.h",
                          ("#define __NR_pidfd_send_signal (__X32_SYSCALL_BIT + 424)\n", ""))
        self.assertIsNotNone(said)
        other = self.tmp / "unistd_64_x32.h"
        other.write_text("#define __NR_x32_rt_sigaction 512\n")
        self.assertEqual((0, None), adder_tables.judge(other, self.known["6.12"]))


class SeriesTest(unittest.TestCase):
    """The cover letter, the recipients, and the thread a server received."""

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(dir=SCRATCH))

    def tearDown(self) -> None:
        shutil.rmtree(self.tmp)

    def out(self) -> Path:
        """An out/ directory as make check leaves it, from recorded results."""
        out = self.tmp / "out"
        (out / "kunit").mkdir(parents=True)
        shutil.copy(LOGS / "kunit-arm64.json", out / "kunit" / "x86_64.json")
        (out / "kselftest").mkdir()
        ktap = adder_ktap.extract(log("kselftest-arm.log"))
        (out / "kselftest" / "adder.ktap").write_text("\n".join(ktap) + "\n")
        (out / "series-build").mkdir()
        (out / "series-build" / "summary").write_text("1/5 kernel: builds\n")
        return out

    def test_results(self) -> None:
        self.assertIn("none yet", adder_series.results_summary(self.tmp))
        said = adder_series.results_summary(self.out())
        self.assertIn(" - KUnit, x86_64 in QEMU: Ran 50 tests: passed: 50\n", said)
        self.assertIn("     ok 1 selftests: adder: adder_test\n", said)
        self.assertTrue(said.endswith(" - each patch on its own:\n     1/5 kernel: builds"))

    def test_cover_letter_and_headers(self) -> None:
        """On git format-patch's own cover letter of the applied series."""
        kdir, _ = applied("6.12")
        series = self.tmp / "series"
        git(kdir, "format-patch", "-q", "--cover-letter", "-o", str(series),
            f"{adder_apply.BASE_REF}..adder")
        cover, *patches = sorted(series.iterdir())
        man = self.tmp / "man.txt"
        man.write_text("ADDER(2)\n")
        sys.argv = ["adder.py", "cover-letter", str(cover),
                    str(TOOLS / "series/0-cover.txt"), "463",
                    "Debian linux-source-6.12 6.12.118-1~deb12u1", str(self.out()),
                    str(man), str(TOOLS / "series/adder.2")]
        adder.main()
        text = cover.read_text()
        subject = (TOOLS / "series/0-cover.txt").read_text().split("\n", 1)[0]
        self.assertIn(f"Subject: [PATCH 0/5] {subject}\n", text)
        self.assertNotIn("***", text)
        self.assertIn("Based on: Debian linux-source-6.12 6.12.118-1~deb12u1\n", text)
        self.assertIn("Ran 50 tests: passed: 50", text)
        for patch in patches:
            title = re.search(r"(?m)^Subject: \[PATCH \d/5\] (.*)$", patch.read_text())
            assert title is not None
            self.assertIn(f"  {title[1]}\n", text)
        adder_series.add_header(patches[0], "Cc", ["a@example.org", "b@example.org"])
        head, body = patches[0].read_text().split("\n\n", 1)
        self.assertTrue(head.endswith("\nCc: a@example.org,\n b@example.org"), head)
        self.assertEqual(["a@example.org", "b@example.org"],
                         [a.strip() for a in str(adder_series.read_patch(patches[0])["Cc"])
                          .split(",")])
        with self.assertRaises(ValueError):
            adder_series.fill_cover_letter(cover, "x\n\ny", {})

    def message(self, subject: str, msgid: str, reply: str = "",
                to: str = "linux-api@vger.kernel.org") -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"], msg["Message-Id"], msg["X-RcptTo"] = subject, msgid, to
        if reply:
            msg["In-Reply-To"], msg["References"] = reply, reply
        return msg

    def test_thread(self) -> None:
        cover = self.message("[PATCH 0/1] x", "<0@x>")
        patch = self.message("[PATCH 1/1] y", "<1@x>", "<0@x>")
        sent = [cover, patch]
        self.assertEqual([], adder_series.check_thread([patch, cover], sent, "linux-api"))
        loose = self.message("[PATCH 1/1] y", "<1@x>")
        self.assertIn("not in reply", adder_series.check_thread([cover, loose], sent,
                                                                "linux-api")[0])
        self.assertIn("received", adder_series.check_thread([cover], sent, "linux-api")[0])
        elsewhere = self.message("[PATCH 1/1] y", "<1@x>", "<0@x>", to="lkml")
        self.assertIn("not delivered", adder_series.check_thread([cover, elsewhere], sent,
                                                                 "linux-api")[0])
        # A Cc trailer in the patch's message is a recipient too.
        wiring = self.message("[PATCH 1/1] y", "<1@x>", "<0@x>")
        wiring.set_content("arch: wire it up\n\nCc: linux-arch@vger.kernel.org\n"
                           "Signed-off-by: A <a@x>\n---\n Cc: not a trailer\n")
        self.assertEqual(["linux-arch@vger.kernel.org"], adder_series.cc_trailers(wiring))
        self.assertIn("not delivered to linux-arch@vger.kernel.org",
                      adder_series.check_thread([cover, patch], [cover, wiring],
                                                "linux-api")[0])
        arch = self.message("[PATCH 1/1] y", "<1@x>", "<0@x>",
                            to="linux-api@vger.kernel.org, linux-arch@vger.kernel.org")
        self.assertEqual([], adder_series.check_thread([cover, arch], [cover, wiring],
                                                       "linux-api"))
        mbox = self.tmp / "patches.mbox"
        adder_series.save_thread([patch, cover], sent[1:], mbox)
        box = mailbox.mbox(str(mbox))
        self.assertEqual(["[PATCH 1/1] y"], [m["Subject"] for m in box])
        box.close()


class BenchTest(unittest.TestCase):
    def test_summary(self) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
            results = Path(tmp)
            rows = ["round,kind,calls,ns"] + [
                f"{r},{kind},1000,{ns * 1000 + r}"
                for r in range(5) for kind, ns in (("adder", 200), ("getppid", 100),
                                                   ("inline_add", 1))]
            (results / "bench.csv").write_text("\n".join(rows) + "\n")
            shown = adder_bench.write(results, "tcg", "6.12.117", "cpu")
            summary = json.loads((results / "bench.json").read_text())
            self.assertEqual(5, summary["rounds"])
            self.assertAlmostEqual(200.002, summary["ns_per_call"]["adder"]["median"])
            self.assertAlmostEqual(2.0, summary["adder_over_getppid"]["median"], places=3)
            self.assertIn("adder/getppid 2.000 (tcg)", shown[-1])
            self.assertEqual(5, len((results / "plot.dat").read_text().splitlines()))


class CommandTest(unittest.TestCase):
    """adder.py as the shell scripts call it: exit status and output."""

    def run_tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(TOOLS / "adder.py"), *args],
                              capture_output=True, text=True)

    def test_ktap(self) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
            ktap = Path(tmp) / "run.ktap"
            ok = self.run_tool("ktap", str(LOGS / "kselftest-arm.log"), str(ktap),
                               str(LOGS / "kselftests-arm"), "pass")
            self.assertEqual(0, ok.returncode, ok.stderr)
            self.assertIn("adder_test: ok (6 of plan 6 ok)", ok.stdout)
            self.assertEqual("TAP version 13\n", ktap.read_text()[:15])
            bad = self.run_tool("ktap", str(LOGS / "kselftest-arm64.log"), str(ktap),
                                str(LOGS / "kselftests-arm64"), "pass")
            self.assertEqual(1, bad.returncode)
            self.assertIn("FAIL: adder_test_arm32.sh: not ok", bad.stdout)
            gone = self.run_tool("ktap", str(Path(tmp) / "none.log"), str(ktap),
                                 str(LOGS / "kselftests-arm"), "pass")
            self.assertIn("the VM did not run", gone.stderr)

    def test_ktap_vm_status(self) -> None:
        """Any status of vm-run but 0 fails the run, its KTAP judged and
        printed all the same: vm-run's two verdicts, run_kselftest.sh's
        failure (7.2), a killed QEMU."""
        with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
            ktap = Path(tmp) / "run.ktap"
            for status, said in ((124, "the VM did not finish run_kselftest.sh"),
                                 (125, "the kernel reported a problem"),
                                 (1, "run_kselftest.sh reported a failure"),
                                 (137, "or the VM's run broke on the way")):
                with self.subTest(status=status):
                    run = self.run_tool("ktap", "--vm-status", str(status),
                                        str(LOGS / "kselftest-arm.log"), str(ktap),
                                        str(LOGS / "kselftests-arm"), "pass")
                    self.assertEqual(1, run.returncode)
                    self.assertIn(f"FAIL: vm-run exited {status}: ", run.stdout)
                    self.assertIn(said, run.stdout)
                    self.assertIn("adder_test: ok (6 of plan 6 ok)", run.stdout)
            both = self.run_tool("ktap", "--vm-status", "1", str(LOGS / "kselftest-arm64.log"),
                                 str(ktap), str(LOGS / "kselftests-arm64"), "pass")
            self.assertEqual(1, both.returncode)
            self.assertIn("FAIL: vm-run exited 1", both.stdout)
            self.assertIn("FAIL: adder_test_arm32.sh: not ok", both.stdout)
            ok = self.run_tool("ktap", "--vm-status", "0", str(LOGS / "kselftest-arm.log"),
                               str(ktap), str(LOGS / "kselftests-arm"), "pass")
            self.assertEqual(0, ok.returncode, ok.stdout)

    def test_kunit(self) -> None:
        ok = self.run_tool("kunit", str(LOGS / "kunit-arm64.json"), "adder",
                           str(LOGS / "kunit-cases"))
        self.assertEqual(0, ok.returncode, ok.stderr)
        self.assertIn("12 cases expected; Ran 50 tests: passed: 50", ok.stdout)
        gone = self.run_tool("kunit", str(LOGS / "kunit-qemu-sh.json"), "adder",
                             str(LOGS / "kunit-cases"))
        self.assertIn("suite 'adder' did not run", gone.stderr)
        count = self.run_tool("kunit-count", str(LOGS / "kunit-arm64-truncated.json"))
        self.assertEqual("Ran 37 tests: passed: 27, crashed: 10\n", count.stdout)

    def test_console(self) -> None:
        self.assertEqual(0, self.run_tool("console", str(LOGS / "kselftest-arm.log"))
                         .returncode)
        with tempfile.NamedTemporaryFile("w", dir=SCRATCH) as bad:
            bad.write((LOGS / "report-ubsan.txt").read_text())
            bad.flush()
            said = self.run_tool("console", str(LOGS / "kselftest-arm.log"), bad.name)
            self.assertEqual(1, said.returncode)
            self.assertIn("> UBSAN: array-index-out-of-bounds in", said.stdout)

    def test_debian_tree_missing(self) -> None:
        """stdout is the tree's path or nothing; the reason goes to stderr."""
        with tempfile.TemporaryDirectory(dir=SCRATCH) as cache:
            said = self.run_tool("debian-tree", "linux-source-0.0", cache)
            self.assertEqual(1, said.returncode)
            self.assertEqual("", said.stdout)
            self.assertIn("apt-get install linux-source-0.0", said.stderr)
            self.assertEqual([], os.listdir(cache))

    def test_usage(self) -> None:
        self.assertEqual(0, self.run_tool("--help").returncode)
        self.assertEqual(2, self.run_tool("ktap", "a", "b", "c", "maybe").returncode)
        self.assertEqual(2, self.run_tool("no-such-job").returncode)


if __name__ == "__main__":
    unittest.main()
