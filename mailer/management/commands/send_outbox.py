"""Run the outbox sweep once: for the embedded mode (no Celery beat), e.g. from cron every minute."""

from django.core.management.base import BaseCommand

from mailer.tasks import email_dispatch_due_task


class Command(BaseCommand):
    help = "Send outbox rows that are due again or were lost with their worker (what beat does every minute)."

    def handle(self, *args, **options):
        count = email_dispatch_due_task()
        self.stdout.write(f"dispatched {count} message(s)")
