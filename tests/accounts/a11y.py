"""The account pages the accessibility check opens (tests/e2e/test_a11y.py): all the public ones, and the
password change every role reaches from its account menu."""

from django.urls import reverse

from people.models import Employee, User
from people.services.accounts import ACTIVATION, PASSWORD_RESET, account_activation_request, account_link
from tests.e2e.axe import A11yPage


def submit(page):
    """Send the page's form empty (or as filled), to check the page with its errors shown."""
    with page.expect_navigation():
        page.locator("main form").last.locator('button[type="submit"]').click()


def lock_out(page):
    """Wrong passwords until the login is locked (AXES_FAILURE_LIMIT, 5 in the tests)."""
    for _ in range(5):
        page.locator('input[name="username"]').fill("bkd.muba")
        page.locator('input[name="password"]').fill("salah-sandi")
        submit(page)
    page.locator("#locked-out").wait_for()


def _link_path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def activation_form(env):
    """The set-password page an ASN reaches from the activation mail."""
    employee = Employee.objects.filter(region__code="oki", user__isnull=True).exclude(email="").first()
    account_activation_request(nip=employee.nip, email=employee.email, language="id")
    return _link_path(account_link(User.objects.get(employee=employee), ACTIVATION))


def reset_form(env):
    """The set-password page of the password-reset mail."""
    return _link_path(account_link(User.objects.get(username="bkd.oki"), PASSWORD_RESET))


PAGES = [
    A11yPage("login", None, "login"),
    A11yPage("login-errors", None, "login", then=submit),
    A11yPage("login-locked-out", None, "login", then=lock_out),
    A11yPage("activation-request", None, "activation_request"),
    A11yPage("activation-request-errors", None, "activation_request", then=submit),
    A11yPage("activation-sent", None, "activation_sent"),
    A11yPage("activation-set-password", None, activation_form),
    A11yPage("activation-link-invalid", None, lambda env: reverse("activation_confirm", args=["MQ", "x-y"])),
    A11yPage("password-reset", None, "password_reset"),
    A11yPage("password-reset-done", None, "password_reset_done"),
    A11yPage("password-reset-set-password", None, reset_form),
    A11yPage("password-reset-set-password-errors", None, reset_form, then=submit),
    A11yPage("password-reset-complete", None, "password_reset_complete"),
    A11yPage("not-found-public", None, lambda env: "/tidak-ada/", status=404),
    A11yPage("password-change-asn", "asn.muba", "password_change"),
    A11yPage("password-change-errors-bkd", "bkd.muba", "password_change", then=submit),
    A11yPage("password-change-done-bkd", "bkd.muba", "password_change_done"),
]
