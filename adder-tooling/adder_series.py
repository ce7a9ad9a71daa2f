# SPDX-License-Identifier: GPL-2.0
"""The patch series as mail: its cover letter, its recipients, and what a
mail server received of it.

    adder.py cover-letter COVER TEMPLATE NR OUT MAN_ASCII MAN_GROFF
    adder.py add-header NAME ADDRESSES PATCH...
    adder.py mail-check MAILDIR RECEIVED_MBOX PATCHES_MBOX PATCH...

git format-patch writes the series; this fills the cover letter it leaves
with placeholders (with the results of the last make check, read from OUT),
writes the recipients into the patches' own headers (so that a plain git
send-email needs no options), and judges the thread a local SMTP server
received.
"""

import email
import json
import mailbox
from email.message import Message
from pathlib import Path
from typing import Sequence

import adder_kunit_json

# The KUnit runs the cover letter reports, as make check names their
# results in OUT/kunit/, and the kselftest runs, in OUT/kselftest/.
KUNIT_RUNS = {"sanitizers": "UML, with UBSAN and KASAN", "uml": "UML",
              "x86_64": "x86_64 in QEMU"}
KSELFTEST_RUNS = {"adder": "x86_64, adder kernel",
                  "no-adder": "x86_64, CONFIG_ADDER_SYSCALL=n kernel"}


def results_summary(out: Path) -> str:
    """What the last make check in this tree found, for the cover letter."""
    lines = ["Results of the last run in this tree:"]
    for run, label in KUNIT_RUNS.items():
        path = out / "kunit" / f"{run}.json"
        if path.exists():
            result = json.loads(path.read_text())
            lines.append(f" - KUnit, {label}: {adder_kunit_json.ran(result)}")
    for run, label in KSELFTEST_RUNS.items():
        path = out / "kselftest" / f"{run}.ktap"
        if path.exists():
            lines.append(f" - kselftest, {label}:")
            lines += [f"     {line}" for line in path.read_text().splitlines()
                      if line.startswith(("ok ", "not ok "))]
    summary = out / "series-build" / "summary"
    if summary.exists():
        lines.append(" - each patch on its own:")
        lines += [f"     {line}" for line in summary.read_text().splitlines()]
    if len(lines) == 1:
        lines.append(" (none yet: `make check` has not run here)")
    return "\n".join(lines)


def fill_cover_letter(cover: Path, template: str, fields: dict[str, str]) -> None:
    """Put the template's subject and blurb into git's cover letter.

    template is "SUBJECT\\n\\nBLURB", the blurb with {placeholders} for
    fields and for {patches}, the short log git wrote.
    """
    text = cover.read_text()
    for placeholder in ("*** SUBJECT HERE ***", "*** BLURB HERE ***\n\n"):
        if text.count(placeholder) != 1:
            raise ValueError(f"{cover}: expected one {placeholder.strip()!r}")
    subject, blurb = template.split("\n\n", 1)
    shortlog = text.split("*** BLURB HERE ***\n\n", 1)[1].split("\n\n", 1)[0]
    patches = "\n".join("  " + line.strip() for line in shortlog.splitlines()[1:])
    blurb = blurb.format(patches=patches, **fields)
    text = text.replace("*** SUBJECT HERE ***", subject)
    text = text.replace("*** BLURB HERE ***", blurb.rstrip("\n"))
    cover.write_text(text)


def add_header(path: Path, name: str, addresses: list[str]) -> None:
    """Add one header line, folded, to a patch's mail headers."""
    head, body = path.read_text().split("\n\n", 1)
    header = f"{name}: " + ",\n ".join(addresses)
    path.write_text(f"{head}\n{header}\n\n{body}")


def subject(msg: Message) -> str:
    return " ".join(str(msg["Subject"]).split())


def cc_trailers(msg: Message) -> list[str]:
    """The addresses of a patch's own "Cc:" trailers, in its body, which
    git send-email adds to the recipients."""
    payload = msg.get_payload(decode=True)
    body = payload.decode(errors="replace") if isinstance(payload, bytes) else ""
    message = body.split("\n---\n", 1)[0]
    return [line[4:].strip() for line in message.splitlines()
            if line.startswith("Cc: ")]


def check_thread(received: Sequence[Message], sent: Sequence[Message],
                 must_reach: str) -> list[str]:
    """Problems with what a server received of a series, cover letter first:
    every message there, each patch in reply to the cover letter, each one
    delivered to must_reach and to the addresses of its Cc trailers."""
    got = {subject(m): m for m in received}
    wanted = [subject(m) for m in sent]
    if set(got) != set(wanted):
        return [f"received {sorted(got)}, expected {sorted(wanted)}"]
    problems = []
    cover_id = got[wanted[0]]["Message-Id"]
    for title in wanted[1:]:
        msg = got[title]
        if msg["In-Reply-To"] != cover_id or cover_id not in (msg["References"] or ""):
            problems.append(f"not in reply to the cover letter: {title}")
    for msg in sent:
        title = subject(msg)
        for address in [must_reach, *cc_trailers(msg)]:
            if address not in (got[title]["X-RcptTo"] or ""):
                problems.append(f"not delivered to {address}: {title}")
    return problems


def read_patch(path: Path) -> Message:
    with path.open("rb") as f:
        return email.message_from_binary_file(f)


def save_thread(received: Sequence[Message], order: Sequence[Message],
                path: Path) -> None:
    """Write the received messages into an mbox, in the series' order."""
    by_subject = {subject(m): m for m in received}
    box = mailbox.mbox(str(path), create=True)
    for msg in order:
        box.add(by_subject[subject(msg)])
    box.close()
