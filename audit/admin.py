"""Read-only admin for platform operators: the trail can be searched, never changed."""

from django.contrib import admin

from .models import AuditChainHead, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "action", "region_id", "object_repr", "ip")
    list_filter = ("action",)
    search_fields = ("action", "actor_label", "object_repr", "object_id")
    date_hierarchy = "at"
    show_full_result_count = False
    ordering = ("-seq",)


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ("id", "last_seq", "last_hash")
