"""Platform administration (Django admin) — for superusers only; Pemda staff use the portal's pages."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Employee, Membership, Region, User, WorkUnit
from .services.staff import StaffError, membership_create, membership_revoke


class SuperuserOnly:
    """Staff flags alone never open the admin: only superusers see these models."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Region)
class RegionAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "official_code", "parent", "timezone"]
    list_filter = ["kind", "timezone"]
    search_fields = ["name", "code", "official_code"]
    list_select_related = ["parent"]


@admin.register(WorkUnit)
class WorkUnitAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "is_active"]
    list_filter = ["kind", "is_active", "region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]
    raw_id_fields = ["region", "parent"]


@admin.register(Employee)
class EmployeeAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["nip", "name", "employment_type", "region", "work_unit", "is_active"]
    list_filter = ["employment_type", "is_active"]
    search_fields = ["=nip", "name"]
    list_select_related = ["region", "work_unit"]
    raw_id_fields = ["region", "work_unit", "user"]
    readonly_fields = ["birth_date", "gender", "created_at", "updated_at"]
    show_full_result_count = False  # a count over millions of rows on every page load is not worth it


@admin.register(Membership)
class MembershipAdmin(SuperuserOnly, admin.ModelAdmin):
    """Changes go through the same audited services as the portal's staff pages."""

    list_display = ["user", "role", "region", "created_at", "created_by"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "region__name", "region__code"]
    list_select_related = ["user", "region", "created_by"]
    raw_id_fields = ["user", "region"]
    readonly_fields = ["created_at", "created_by"]
    actions = None  # bulk delete would skip the audit trail

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        created = membership_create(user=obj.user, region=obj.region, role=obj.role, by=request.user, request=request)
        obj.pk = created.pk

    def delete_model(self, request, obj):
        try:
            membership_revoke(membership=obj, by=request.user, request=request)
        except StaffError as exc:
            self.message_user(request, str(exc), level=messages.ERROR)


@admin.register(User)
class UserAdmin(SuperuserOnly, DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_superuser", "last_login"]
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Bahasa"), {"fields": ["language"]}))
