"""The outbox for the accessibility check (tests/e2e/test_a11y.py): the list and one mail."""

from django.urls import reverse

from mailer.models import OutgoingEmail
from people.models import Employee
from people.services.accounts import account_activation_request
from tests.e2e.axe import A11yPage


def _queue_activation_mail(region):
    """An ASN of the region asks for an activation link: one real mail in the outbox."""
    employee = Employee.objects.filter(region=region, user__isnull=True).exclude(email="").first()
    return account_activation_request(nip=employee.nip, email=employee.email, language="id")


def outbox_with_mail(env):
    _queue_activation_mail(env.region)
    return reverse("outbox_list")


def one_mail(env):
    email = _queue_activation_mail(env.region) or OutgoingEmail.objects.filter(region=env.region).first()
    return reverse("outbox_detail", args=[email.pk])


PAGES = [
    A11yPage("outbox-list-bkd", "bkd.muba", outbox_with_mail),
    A11yPage("outbox-detail-bkd", "bkd.muba", one_mail),
]
