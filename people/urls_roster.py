from django.urls import path

from people.views import roster

urlpatterns = [
    path("", roster.roster_import, name="roster_import"),
    path("templat.xlsx", roster.roster_template, name="roster_template"),
    path("<int:import_id>/", roster.roster_import_detail, name="roster_import_detail"),
    path("<int:import_id>/impor/", roster.roster_import_run, name="roster_import_run"),
    path("<int:import_id>/progres/", roster.roster_import_progress, name="roster_import_progress"),
]
