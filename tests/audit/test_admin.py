from django.urls import reverse

from audit.services import audit_record


def test_the_admin_lists_events_but_cannot_change_them(client, django_user_model, db):
    event = audit_record(action="netralitas.test.event", data={"x": 1})
    root = django_user_model.objects.create_superuser("root", password="x-rahasia-123")
    client.force_login(root)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200  # view only
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    response = client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"action": "forged"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == "netralitas.test.event"
