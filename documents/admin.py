"""Read-only admin for platform operators: what was issued and which certificates signed it. Nothing here
changes a document (they are immutable) or shows a private key (it is not in the database)."""

from django.contrib import admin

from .models import IssuedDocument, RegionCertificate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("issued_at", "kind", "region", "title", "version", "code", "issued_by")
    list_filter = ("kind",)
    search_fields = ("code", "title", "number", "sha256")
    date_hierarchy = "issued_at"
    # The file is shown by name only: no URL serves stored documents.
    exclude = ("file",)
    readonly_fields = ("stored_as",)

    @admin.display(description="file")
    def stored_as(self, obj):
        return obj.file.name


@admin.register(RegionCertificate)
class RegionCertificateAdmin(ReadOnlyAdmin):
    list_display = ("region", "subject", "source", "is_active", "not_before", "not_after", "fingerprint")
    list_filter = ("source", "is_active")
