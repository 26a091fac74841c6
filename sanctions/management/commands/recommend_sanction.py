"""manage.py recommend_sanction --codes NTR-04[,NTR-16…] --stage before|after --employment PNS|CPNS|PPPK
[--prior <measure code>[,<measure code>…]]

The sanction rules (sanctions/rules.py) on the command line, on the current catalogue: prints
``level=<kode_etik|ringan|sedang|berat|uu_asn>``, then one ``measure=<code> <text>`` line per allowed measure,
heaviest first, then ``basis=<articles>`` and ``rule=<the rule's id>``. An unknown code or a bad option prints a
clear error and exits with status 2.
"""

from django.core.management.base import BaseCommand, CommandError

from ...rules import EMPLOYMENT_TYPES, MEASURES, UnknownFact, recommend
from ...selectors import catalogue_items

STAGES = {"before": "bakal_calon", "after": "calon"}


def _fail(message: str):
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Recommend a sanction for catalogue codes (level, allowed measures, basis, rule)."

    def add_arguments(self, parser):
        parser.add_argument("--codes", required=True, help="catalogue codes, comma-separated (NTR-04,NTR-16)")
        parser.add_argument("--stage", required=True, help="before or after the candidates were fixed")
        parser.add_argument("--employment", required=True, help="PNS, CPNS or PPPK")
        parser.add_argument("--prior", default="", help="measure code(s) of earlier sanctions, e.g. HD_S6")

    def handle(self, *args, codes, stage, employment, prior, **options):
        wanted = [c.strip().upper() for c in codes.split(",") if c.strip()]
        if not wanted:
            raise _fail("--codes: give at least one catalogue code, e.g. --codes NTR-04")
        if stage not in STAGES:
            raise _fail(f"--stage must be 'before' or 'after', not {stage!r}")
        employment = employment.strip().upper()
        if employment not in EMPLOYMENT_TYPES:
            raise _fail(f"--employment must be one of {', '.join(EMPLOYMENT_TYPES)}, not {employment!r}")
        priors = [p.strip().upper() for p in prior.split(",") if p.strip()]
        unknown_priors = [p for p in priors if p not in MEASURES]
        if unknown_priors:
            raise _fail(f"--prior: unknown measure code(s) {', '.join(unknown_priors)}; known: {', '.join(MEASURES)}")
        catalogue = catalogue_items()
        unknown = [c for c in wanted if c not in catalogue]
        if unknown:
            raise _fail(f"unknown catalogue code(s): {', '.join(unknown)}")
        try:
            result = recommend(
                [catalogue[c] for c in wanted],
                employment=employment,
                stage=STAGES[stage],
                prior=priors,
                catalogue=catalogue,
            )
        except UnknownFact as exc:
            raise _fail(str(exc)) from None
        for line in result.lines():
            self.stdout.write(line)
