import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import Membership, User
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, UserFactory

from .conftest import NEW_PASSWORD, link_path, open_link, outbox

pytestmark = pytest.mark.django_db


def _add(client, **data):
    return client.post(reverse("staff_add"), {"mode": "existing", "role": "bkd", **data})


def test_an_admin_sees_the_staff_of_their_region_only(client, admin_a, bkd_a, bkd_b):
    client.force_login(admin_a)
    body = client.get(reverse("staff_list")).content.decode()
    assert "alice" in body and "adina" in body
    assert "charlie" not in body


def test_a_province_admin_sees_the_kabupaten_staff(client, province_admin, bkd_a):
    client.force_login(province_admin)
    assert "alice" in client.get(reverse("staff_list")).content.decode()


@pytest.mark.parametrize("url_name", ["staff_list", "staff_add"])
def test_a_bkd_officer_gets_403_on_staff_pages(client, bkd_a, url_name):
    client.force_login(bkd_a)
    assert client.get(reverse(url_name)).status_code == 403


def test_a_bkd_officer_gets_403_on_revoke_in_their_region(client, bkd_a, head_a):
    client.force_login(bkd_a)
    membership = head_a.memberships.get()
    assert client.post(reverse("staff_revoke", args=[membership.pk])).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_another_regions_admin_gets_404_on_revoke(client, admin_b, bkd_a):
    client.force_login(admin_b)
    membership = bkd_a.memberships.get()
    assert client.post(reverse("staff_revoke", args=[membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("staff_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_adding_an_existing_user_is_audited(client, admin_a, region_a):
    EmployeeFactory(region=region_a, user=UserFactory(username="dewi", email="dewi@example.go.id"))
    client.force_login(admin_a)
    response = _add(client, login="DEWI@example.go.id", region=region_a.pk, role="inspector")
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="dewi")
    assert (membership.region, membership.role, membership.created_by) == (region_a, "inspector", admin_a)
    event = AuditEvent.objects.get(action="netralitas.membership.created")
    assert event.actor_id == admin_a.pk and event.region_id == region_a.pk
    assert event.after["role"] == "inspector" and event.after["username"] == "dewi"
    assert outbox("staff_invitation") == []  # an active account needs no invitation


def test_a_new_staff_user_is_invited_to_set_a_password(client, admin_a, region_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("staff_add"),
        {"mode": "new", "username": "eko", "email": "eko@example.go.id", "region": region_a.pk, "role": "bkd"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="eko")
    assert not user.is_active and not user.has_usable_password()
    [email] = outbox("staff_invitation")
    assert email.recipient == "eko@example.go.id" and email.region == region_a

    client.logout()
    path = link_path(email)
    _page, form_url = open_link(client, path)
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action="netralitas.auth.staff_login", actor_id=user.pk).exists()
    assert "Tautan tidak berlaku lagi" in client.get(path).content.decode()


def test_a_region_outside_the_admins_reach_is_refused(client, admin_a, region_b):
    UserFactory(username="dewi")
    client.force_login(admin_a)
    response = _add(client, login="dewi", region=region_b.pk)
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Membership.objects.filter(user__username="dewi").exists()


def test_a_province_admin_may_add_staff_in_a_kabupaten(client, province_admin, region_a):
    EmployeeFactory(region=region_a, user=UserFactory(username="dewi"))
    client.force_login(province_admin)
    assert _add(client, login="dewi", region=region_a.pk).status_code == 302
    assert Membership.objects.filter(user__username="dewi", region=region_a).exists()


def test_a_duplicate_role_is_explained(client, admin_a, bkd_a, region_a):
    client.force_login(admin_a)
    response = _add(client, login="alice", region=region_a.pk, role="bkd")
    assert response.status_code == 200
    assert "sudah memegang peran" in response.content.decode()
    assert bkd_a.memberships.count() == 1


def test_an_unknown_user_is_explained(client, admin_a, region_a):
    client.force_login(admin_a)
    response = _add(client, login="siapa", region=region_a.pk)
    assert response.status_code == 200
    assert "Tidak ada akun yang dapat ditambahkan" in response.content.decode()


def test_a_taken_username_for_a_new_account_is_explained(client, admin_a, bkd_a, region_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("staff_add"),
        {"mode": "new", "username": "ALICE", "email": "lain@example.go.id", "region": region_a.pk, "role": "bkd"},
    )
    assert response.status_code == 200
    assert "tidak dapat dipakai untuk akun baru" in response.content.decode()
    assert not User.objects.filter(email="lain@example.go.id").exists()


def test_revoking_is_audited(client, admin_a, bkd_a, region_a):
    client.force_login(admin_a)
    membership = bkd_a.memberships.get()
    response = client.post(reverse("staff_revoke", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action="netralitas.membership.revoked")
    assert event.actor_id == admin_a.pk and event.region_id == region_a.pk
    assert event.before["username"] == "alice" and event.before["role"] == "bkd"
    assert event.after is None


def test_an_admin_cannot_revoke_their_own_last_admin_role(client, admin_a):
    client.force_login(admin_a)
    membership = admin_a.memberships.get()
    response = client.post(reverse("staff_revoke", args=[membership.pk]), follow=True)
    assert "administrator terakhir" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not AuditEvent.objects.filter(action="netralitas.membership.revoked").exists()


def test_an_admin_with_another_admin_role_may_revoke_one(client, admin_a):
    other = MembershipFactory(user=admin_a, region=RegionFactory(), role="admin")
    client.force_login(admin_a)
    assert client.post(reverse("staff_revoke", args=[other.pk])).status_code == 302
    assert not Membership.objects.filter(pk=other.pk).exists()


def test_revoke_is_post_only(client, admin_a, bkd_a):
    client.force_login(admin_a)
    assert client.get(reverse("staff_revoke", args=[bkd_a.memberships.get().pk])).status_code == 405


def test_an_invitation_can_be_sent_again(client, admin_a, region_a):
    client.force_login(admin_a)
    client.post(
        reverse("staff_add"),
        {"mode": "new", "username": "eko", "email": "eko@example.go.id", "region": region_a.pk, "role": "bkd"},
    )
    membership = Membership.objects.get(user__username="eko")
    assert "Kirim ulang undangan" in client.get(reverse("staff_list")).content.decode()
    response = client.post(reverse("staff_invite_resend", args=[membership.pk]), follow=True)
    assert "Undangan dikirim ulang" in response.content.decode()
    first, second = outbox("staff_invitation")
    assert second.version == first.version + 1
    page, _url = open_link(client, link_path(second))
    assert page.status_code == 200 and "new_password1" in page.content.decode()
    assert AuditEvent.objects.filter(action="netralitas.membership.invitation_sent").exists()


def test_an_active_member_needs_no_invitation(client, admin_a, bkd_a):
    client.force_login(admin_a)
    response = client.post(reverse("staff_invite_resend", args=[bkd_a.memberships.get().pk]), follow=True)
    assert "sudah aktif" in response.content.decode()
    assert outbox("staff_invitation") == []


def test_another_regions_admin_cannot_resend_an_invitation(client, admin_b, bkd_a):
    client.force_login(admin_b)
    assert client.post(reverse("staff_invite_resend", args=[bkd_a.memberships.get().pk])).status_code == 404
