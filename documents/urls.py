"""Public pages, mounted at /verifikasi/ (no login)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.document_verify_form, name="document_verify_form"),
    path("unggah/", views.document_verify_upload, name="document_verify_upload"),
    path("<str:code>/", views.document_verify, name="document_verify"),
]
