from django.urls import path

from . import views, views_weekly

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", views.region_dashboard, name="dashboard_region"),
    path("dasbor/pemda/", views.province_dashboard, name="dashboard_province"),
    path("dasbor/unduh.csv", views.dashboard_export, {"fmt": "csv"}, name="dashboard_export_csv"),
    path("dasbor/unduh.xlsx", views.dashboard_export, {"fmt": "xlsx"}, name="dashboard_export_xlsx"),
    path("dasbor/apel/", views.apel_people, name="dashboard_apel_people"),
    path("dasbor/apel/unduh.csv", views.apel_people_export, {"fmt": "csv"}, name="dashboard_apel_people_csv"),
    path("dasbor/apel/unduh.xlsx", views.apel_people_export, {"fmt": "xlsx"}, name="dashboard_apel_people_xlsx"),
    path("dasbor/pakta/", views.pakta_people, name="dashboard_pakta_people"),
    path("dasbor/pakta/unduh.csv", views.pakta_people_export, {"fmt": "csv"}, name="dashboard_pakta_people_csv"),
    path("dasbor/pakta/unduh.xlsx", views.pakta_people_export, {"fmt": "xlsx"}, name="dashboard_pakta_people_xlsx"),
    path("dasbor/laporan-mingguan/", views_weekly.weekly_report_list, name="weekly_report_list"),
    path(
        "dasbor/laporan-mingguan/<int:weekly_report_id>/",
        views_weekly.weekly_report_detail,
        name="weekly_report_detail",
    ),
    path(
        "dasbor/laporan-mingguan/<int:weekly_report_id>/pdf/",
        views_weekly.weekly_report_pdf,
        name="weekly_report_pdf",
    ),
]
