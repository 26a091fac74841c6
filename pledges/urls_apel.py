"""The apel pages (issue 7): staff under apel/, the ASN's own under apel/saya/ and apel/hadir/."""

from django.urls import path

from .views import apel, apel_attendance, apel_checkin, apel_report

urlpatterns = [
    path("apel/", apel.ceremony_list, name="ceremony_list"),
    path("apel/kalender/", apel.ceremony_calendar, name="ceremony_calendar"),
    path("apel/baru/", apel.ceremony_create, name="ceremony_create"),
    path("apel/pemilihan/", apel.election_list, name="election_list"),
    path("apel/kartu-qr/", apel_checkin.apel_card_sheet, name="apel_card_sheet"),
    path("apel/saya/", apel_checkin.my_apel, name="my_apel"),
    path("apel/hadir/", apel_checkin.apel_checkin, name="apel_checkin"),
    path("apel/hadir/selesai/", apel_checkin.apel_checkin_done, name="apel_checkin_done"),
    path("apel/hadir/<str:token>/", apel_checkin.apel_checkin_open, name="apel_checkin_open"),
    path("apel/<int:ceremony_id>/", apel.ceremony_detail, name="ceremony_detail"),
    path("apel/<int:ceremony_id>/ubah/", apel.ceremony_edit, name="ceremony_edit"),
    path("apel/<int:ceremony_id>/batal/", apel.ceremony_cancel_view, name="ceremony_cancel"),
    path("apel/<int:ceremony_id>/selesai/", apel.ceremony_mark_held_view, name="ceremony_mark_held"),
    path("apel/<int:ceremony_id>/layar/", apel_checkin.ceremony_presenter, name="ceremony_presenter"),
    path("apel/<int:ceremony_id>/layar/qr/", apel_checkin.ceremony_presenter_qr, name="ceremony_presenter_qr"),
    path("apel/<int:ceremony_id>/pindai/", apel_checkin.ceremony_scanner, name="ceremony_scanner"),
    path("apel/<int:ceremony_id>/kehadiran/", apel_attendance.attendance_list, name="attendance_list"),
    path("apel/<int:ceremony_id>/kehadiran/unit/", apel_attendance.attendance_mark_unit, name="attendance_mark_unit"),
    path(
        "apel/<int:ceremony_id>/kehadiran/<int:attendance_id>/",
        apel_attendance.attendance_mark,
        name="attendance_mark",
    ),
    path("apel/<int:ceremony_id>/peserta/tambah/", apel_attendance.participant_add, name="participant_add"),
    path(
        "apel/<int:ceremony_id>/peserta/<int:attendance_id>/hapus/",
        apel_attendance.participant_remove_view,
        name="participant_remove",
    ),
    path("apel/<int:ceremony_id>/berita-acara/", apel_report.ceremony_report, name="ceremony_report"),
    path(
        "apel/<int:ceremony_id>/berita-acara/terbitkan/",
        apel_report.ceremony_report_issue_view,
        name="ceremony_report_issue",
    ),
    path(
        "apel/<int:ceremony_id>/berita-acara/unduh/",
        apel_report.ceremony_report_download,
        name="ceremony_report_download",
    ),
]
