from django.contrib import admin

from .models import Election


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    """Elections are national: the platform's administrator adds them (a superuser; see netralitas/urls.py)."""

    list_display = ["name", "kind", "candidates_fixed_on", "campaign_start", "campaign_end", "voting_day", "is_active"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
