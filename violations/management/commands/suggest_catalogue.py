"""manage.py suggest_catalogue "<text>" [--date YYYY-MM-DD] [--election <slug>]

The suggester of the intake form, on the command line: up to 5 lines, best first, ``CODE<TAB>score<TAB>title``,
and nothing at all when nothing fits. Without a text argument the text is read from standard input.
"""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from pledges.models import Election
from violations.suggest import suggest_text


class Command(BaseCommand):
    help = "Suggest catalogue entries for an Indonesian report text (prints CODE<TAB>score<TAB>title lines)."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="the report text (default: standard input)")
        parser.add_argument("--date", help="incident date, YYYY-MM-DD (sets the stage: before/after candidate fixing)")
        parser.add_argument("--election", help="election slug, e.g. pilkada-2024 or pemilu-2024")

    def handle(self, *args, text=None, date=None, election=None, **options):
        if text is None:
            text = sys.stdin.read()
        day = None
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        chosen = None
        if election:
            chosen = Election.objects.filter(slug=election).first()
            if chosen is None:
                known = ", ".join(Election.objects.values_list("slug", flat=True))
                raise CommandError(f"unknown election {election!r} (known: {known})")
        suggestions, _ctx = suggest_text(text or "", day=day, election=chosen)
        for suggestion in suggestions:
            title = " ".join(suggestion.title.split())
            self.stdout.write(f"{suggestion.code}\t{suggestion.score:.2f}\t{title}")
