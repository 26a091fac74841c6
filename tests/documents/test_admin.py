from django.urls import reverse

from documents.services import document_issue

from .conftest import LETTER_KIND


def test_the_admin_shows_documents_and_certificates_but_changes_nothing(client, django_user_model, letter_kind,
                                                                        employee_a):  # fmt: skip
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    root = django_user_model.objects.create_superuser("root", password="x-rahasia-123")
    client.force_login(root)
    for name, pk in (("issueddocument", document.pk), ("regioncertificate", document.certificate.pk)):
        assert client.get(reverse(f"admin:documents_{name}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:documents_{name}_change", args=[pk]))
        assert page.status_code == 200 and "PRIVATE KEY" not in page.content.decode()
        assert client.get(reverse(f"admin:documents_{name}_add")).status_code == 403
        assert client.post(reverse(f"admin:documents_{name}_delete", args=[pk]), {"post": "yes"}).status_code == 403
    assert (
        document.file.name
        in client.get(reverse("admin:documents_issueddocument_change", args=[document.pk])).content.decode()
    )
