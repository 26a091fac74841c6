"""manage.py seed_demo — the demo province, its kabupaten, accounts and each app's demo data (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demodata import DEMO_PASSWORD, DemoContext, demo_modules


class Command(BaseCommand):
    help = "Create the demo province, kabupaten, work units, ASN, demo accounts and each app's demo data."

    def add_arguments(self, parser):
        parser.add_argument("--asn-per-region", type=int, default=300, help="ASN per kabupaten (default 300)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even though DEBUG is off (the demo accounts share a published password)",
        )

    def handle(self, *args, asn_per_region: int = 300, force: bool = False, **options):
        if not settings.DEBUG and not force:
            # On a real database this would attach accounts with the README's password to real region codes.
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: the demo accounts all share the password published in "
                "the README. It is meant for the local trial install (make run). Pass --force only on a throwaway "
                "database."
            )
        context = DemoContext(stdout=self.stdout, asn_per_region=asn_per_region)
        with transaction.atomic():
            for module in demo_modules():
                module.seed(context)
        self.stdout.write(self.style.SUCCESS(f"Demo siap. Kata sandi semua akun demo: {DEMO_PASSWORD}"))
