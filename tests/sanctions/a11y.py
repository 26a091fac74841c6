"""The sanctions pages for the accessibility check (tests/e2e/test_a11y.py), each as the role that uses it."""

from django.urls import reverse

from sanctions.models import SanctionRecommendation
from tests.e2e.axe import A11yPage


def _case(env, status):
    rec = SanctionRecommendation.objects.filter(region=env.region, status=status).order_by("pk").first()
    return reverse("sanction_case", args=[rec.case_id])


def _prior(env):
    rec = SanctionRecommendation.objects.filter(region=env.region).order_by("pk").first()
    return reverse("prior_sanctions", args=[rec.case.employee_id])


PAGES = [
    A11yPage("sanction-list-bkd", "bkd.muba", "sanction_list"),
    A11yPage("sanction-case-approved-bkd", "bkd.muba", lambda env: _case(env, "approved")),
    A11yPage("sanction-case-pending-head", "bupati.muba", lambda env: _case(env, "pending")),
    A11yPage("sanction-prior-bkd", "bkd.muba", _prior),
    A11yPage("sanction-schedule-keuangan", "keuangan.muba", "cut_schedule"),
    A11yPage("sanction-mine-asn", "asn.muba", "my_sanctions"),
]
