import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = ["region", "workunit", "employee", "membership", "user"]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_can_open_every_people_model(client, superuser, asn_a, bkd_a, model):
    client.force_login(superuser)
    assert client.get(reverse(f"admin:people_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_a_django_staff_flag_alone_opens_nothing(client, model):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse(f"admin:people_{model}_changelist"))
    # The admin site itself turns non-superusers away to its login page ("not authorised").
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_membership_added_in_the_admin_is_audited(client, superuser, region_a):
    user = UserFactory(username="fajar")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:people_membership_add"), {"user": user.pk, "region": region_a.pk, "role": "head"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, region=region_a, role="head").exists()
    assert AuditEvent.objects.filter(action="netralitas.membership.created", actor_id=superuser.pk).exists()
