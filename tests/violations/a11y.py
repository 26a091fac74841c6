"""The violations pages for the accessibility check (tests/e2e/test_a11y.py), each as the role that uses it;
the public report form above all, on a 360-px phone."""

from django.urls import reverse

from tests.e2e.axe import A11yPage
from violations.models import Case, Report


def _case(env, state=None):
    cases = Case.objects.filter(region=env.region)
    return (cases.filter(state=state) if state else cases).order_by("pk").first()


def _my_case(env):
    return reverse("my_case_detail", args=[Case.objects.filter(employee__user=env.user).first().pk])


def _report(env):
    return reverse("report_detail", args=[Report.objects.filter(region=env.region, status="new").first().pk])


def _check_receipt(page):
    page.locator('input[name="code"]').fill("AAAA-BBBB-CCCC")
    page.locator("#receipt-form button[type=submit]").click()
    page.wait_for_load_state()


def _submit_empty(page):
    page.locator("#public-report-form button[type=submit]").click()
    page.wait_for_load_state()


PAGES = [
    A11yPage("public-report", None, "public_report"),
    A11yPage("public-report-errors", None, "public_report", then=_submit_empty),
    A11yPage("public-status", None, "public_status"),
    A11yPage("public-status-unknown", None, "public_status", then=_check_receipt),
    A11yPage("case-list-bkd", "bkd.muba", "case_list"),
    A11yPage("case-detail-bkd", "bkd.muba", lambda env: reverse("case_detail", args=[_case(env, "clarification").pk])),
    A11yPage("case-detail-head", "bupati.muba", lambda env: reverse("case_detail", args=[_case(env).pk])),
    A11yPage("report-create-bkd", "bkd.muba", "report_create"),
    A11yPage("report-detail-bkd", "bkd.muba", _report),
    A11yPage("report-list-inspector", "inspektur.muba", "report_list"),
    A11yPage("catalogue-list-head", "bupati.muba", "catalogue_list"),
    A11yPage("my-case-asn", "asn.muba", _my_case),
]
