"""Issued documents and the certificates that sign them.

An :class:`IssuedDocument` is a PDF the portal issued: what it is about (a kind, and any object through its
content type and id), which version, the file, the SHA-256 of exactly the stored bytes, and a public
verification code. A correction is a new version naming the one it replaces; nothing is overwritten or
deleted. One row per (object, kind, version), held by the database, so racing issuers end with one.

A :class:`RegionCertificate` is a region's document-signing certificate. Its private key is a file under
``settings.DOCUMENT_KEYS_DIR`` named by the certificate's fingerprint (documents/signing.py), never a column.
Every certificate row is kept, so a document signed under an older one still names and verifies it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet

from . import codes, kinds


class ImmutableError(Exception):
    """Raised on an attempt to change or delete an issued document."""


class RegionCertificateQuerySet(RegionScopedQuerySet):
    pass


class RegionCertificate(models.Model):
    class Source(models.TextChoices):
        GENERATED = "generated", _("Dibuat portal")
        IMPORTED = "imported", _("Diimpor Pemda")

    region = models.ForeignKey(
        settings.TENANCY_REGION_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda")
    )
    certificate_pem = models.TextField(help_text="the signing certificate first, then any chain up to its root")
    fingerprint = models.CharField(_("sidik jari SHA-256"), max_length=64, unique=True)
    subject = models.CharField(_("subjek"), max_length=500)
    not_before = models.DateTimeField(_("berlaku sejak"))
    not_after = models.DateTimeField(_("berlaku hingga"))
    source = models.CharField(_("asal"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = RegionCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sertifikat dokumen")
        verbose_name_plural = _("sertifikat dokumen")
        constraints = [
            # One signing certificate at a time per region: two first uses racing keep one.
            models.UniqueConstraint(fields=["region"], condition=Q(is_active=True), name="documents_one_active_cert")
        ]

    def __str__(self):
        return f"{self.subject} ({self.fingerprint[:16]}…)"


class IssuedDocumentQuerySet(RegionScopedQuerySet):
    def update(self, **kwargs):
        raise ImmutableError("issued documents are never changed: issue a new version")

    def delete(self):
        raise ImmutableError("issued documents are never deleted")


def _document_path(document, filename) -> str:
    # Under the default storage, outside what MEDIA_URL serves (only region-logos/ is, and only in DEBUG).
    return f"documents/{document.region_id}/{document.issued_at:%Y}/{filename}"


class IssuedDocument(models.Model):
    kind = models.CharField(_("jenis"), max_length=60)
    region = models.ForeignKey(
        settings.TENANCY_REGION_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    obj = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(_("versi"), default=1)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("menggantikan"),
    )
    title = models.CharField(_("judul"), max_length=300)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    file = models.FileField(_("berkas"), upload_to=_document_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    code = models.CharField(_("kode verifikasi"), max_length=codes.LENGTH, unique=True)
    certificate = models.ForeignKey(
        RegionCertificate, on_delete=models.PROTECT, related_name="documents", verbose_name=_("sertifikat")
    )
    issued_at = models.DateTimeField(_("diterbitkan"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "version"], name="documents_one_per_version"
            ),
            models.CheckConstraint(
                condition=Q(version=1, replaces__isnull=True) | Q(version__gt=1, replaces__isnull=False),
                name="documents_version_names_what_it_replaces",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("issued documents are never changed: issue a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("issued documents are never deleted")

    @property
    def grouped_code(self) -> str:
        return codes.grouped(self.code)

    @property
    def issued_on(self):
        """The issue date in the region's time zone."""
        return kinds.issued_on(self)

    @property
    def verification_url(self) -> str:
        from .services import verification_url

        return verification_url(self.code)
