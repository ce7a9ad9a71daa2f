# SPDX-License-Identifier: GPL-2.0
"""Debian's kernel source packages as git trees of their own.

    adder.py debian-tree PACKAGE DEST

A linux-source-X package is a tarball in /usr/src. It is extracted once
into a git repository with a single commit, "Debian linux-source-X
VERSION", the base that the series goes onto; a tree that already holds
that commit is taken as it is, and one that holds another is extracted
again. Extracting is mostly disk and one core:
make check starts it early, in the background, and a lock beside DEST
makes a second caller wait for the first.
"""

import fcntl
import shutil
import subprocess
import tempfile
from pathlib import Path

from adder_apply import git

AUTHOR = {"GIT_AUTHOR_NAME": "Debian kernel team",
          "GIT_AUTHOR_EMAIL": "debian-kernel@lists.debian.org",
          "GIT_COMMITTER_NAME": "Debian kernel team",
          "GIT_COMMITTER_EMAIL": "debian-kernel@lists.debian.org"}


def package_version(package: str) -> str:
    res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                         capture_output=True, text=True)
    return res.stdout.strip() or "unknown"


def debian_tree(package: str, dest: Path, tarballs: Path = Path("/usr/src"),
                version: str = "") -> Path:
    """dest as a git tree of the package's kernel source, made if need be."""
    tarball = tarballs / f"{package}.tar.xz"
    if not tarball.exists():
        raise SystemExit(f"{tarball} is missing; it comes with the Debian "
                         f"package {package}:\n  apt-get install {package}")
    subject = f"Debian {package} {version or package_version(package)}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{dest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (dest / ".git").exists():
            first = git(dest, "log", "--format=%s", "--max-parents=0", "-1",
                        "--all").strip()
            if first == subject:
                return dest
            # Another version of the package, or a tree an older tool
            # made: it is a cache, so it is made again.
            print(f"{dest} holds '{first}', not '{subject}': extracting "
                  f"it again", flush=True)
            stale = Path(tempfile.mkdtemp(dir=dest.parent, prefix="stale-"))
            dest.rename(stale / dest.name)
            shutil.rmtree(stale)
        extract(tarball, package, dest, subject)
    return dest


def extract(tarball: Path, package: str, dest: Path, subject: str) -> None:
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix="extract-"))
    print(f"extracting {tarball.name} into {dest}", flush=True)
    subprocess.run(["tar", "-xf", str(tarball), "-C", str(tmp)], check=True)
    src = tmp / package
    git(src, "init", "-q", "-b", "master")
    # No background repacking of the 80,000 loose objects during builds,
    # and no fsync of each one: this is a cache, made again if ever lost.
    git(src, "config", "gc.auto", "0")
    git(src, "config", "core.fsync", "none")
    # -f: Debian's .gitignore ignores every top-level entry of the package.
    git(src, "add", "-A", "-f")
    git(src, "commit", "-q", "-m", subject, env=AUTHOR)
    src.rename(dest)
    tmp.rmdir()
