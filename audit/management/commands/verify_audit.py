"""manage.py verify_audit — walk the hash chain and name the first altered or missing row."""

import sys

from django.core.management.base import BaseCommand

from audit.services import audit_verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; exit 1 naming the first altered or missing row."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000, help="rows read per database round trip")

    def handle(self, *args, chunk_size=5000, **options):
        checked, problem = audit_verify(chunk_size=chunk_size)
        if problem is not None:
            self.stderr.write(f"BROKEN at #{problem.seq}: {problem.reason}")
            sys.exit(1)
        self.stdout.write(f"OK: {checked} events, chain intact")
