"""manage.py verify_audit [--anchor SEQ:HASH] — walk the hash chain, name the first altered or missing row.

Its last line on success is the chain head, ``head=<seq>:<hash>``. Copy it off the server on a schedule:
a later ``--anchor`` with it fails when that row is gone or changed, even if whoever did it also dropped the
database triggers and rewound the head.
"""

import re
import sys

from django.core.management.base import BaseCommand, CommandError

from audit.models import GENESIS_HASH
from audit.services import audit_verify_chain

ANCHOR = re.compile(r"^(?:head=)?(\d{1,19}):([0-9a-f]{64})$")


def parse_anchor(value: str) -> tuple[int, str]:
    match = ANCHOR.match(value.strip().lower())
    if match is None:
        raise CommandError(
            f"--anchor {value!r} is not an anchor: give <seq>:<hash> as verify_audit printed it "
            "(head=<seq>:<64 hex digits>)"
        )
    seq, digest = int(match[1]), match[2]
    if seq == 0 and digest != GENESIS_HASH:
        raise CommandError(f"--anchor {value!r}: row #0 is the empty trail, its hash is {GENESIS_HASH}")
    return seq, digest


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain; exit 1 naming the first altered or missing row. The last line is the "
        "chain head (head=<seq>:<hash>): keep it off the server and pass it back with --anchor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000, help="rows read per database round trip")
        parser.add_argument(
            "--anchor", help="<seq>:<hash> from an earlier run (its head= line): fail unless that row is still there"
        )

    def handle(self, *args, chunk_size=5000, anchor=None, **options):
        anchored = parse_anchor(anchor) if anchor is not None else None
        report = audit_verify_chain(chunk_size=chunk_size, anchor=anchored)
        if report.problem is not None:
            where = f"#{report.problem.seq}" if report.problem.seq is not None else "the chain head"
            self.stderr.write(f"BROKEN at {where}: {report.problem.reason}")
            sys.exit(1)
        self.stdout.write(f"OK: {report.checked} events, chain intact")
        if anchored is not None:
            self.stdout.write(f"anchor #{anchored[0]} is still in the chain")
        self.stdout.write("head={}:{}".format(*report.head))
