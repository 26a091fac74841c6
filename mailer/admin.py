"""Read-only outbox for platform superusers: the only place rows without a region (region=None) show."""

from django.contrib import admin

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "status", "attempts", "region", "sent_at"]
    list_filter = ["status", "kind", "region"]
    search_fields = ["recipient", "subject", "subject_key"]
    date_hierarchy = "created_at"
    list_select_related = ["region"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        """Metadata only for a message that carried a credential: its body is never shown."""
        fields = super().get_fields(request, obj)
        if obj is not None and obj.carries_credential:
            return [f for f in fields if f not in ("body_text", "body_html")]
        return fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
