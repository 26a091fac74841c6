"""Staff pages under pelanggaran/, the reported ASN's under kasus-saya/, the public's under lapor/."""

from django.urls import path

from .views import asn, cases, catalogue, files, public, reports

urlpatterns = [
    # staff: cases
    path("pelanggaran/kasus/", cases.case_list, name="case_list"),
    path("pelanggaran/kasus/unduh.csv", cases.case_export, {"fmt": "csv"}, name="case_export_csv"),
    path("pelanggaran/kasus/unduh.xlsx", cases.case_export, {"fmt": "xlsx"}, name="case_export_xlsx"),
    path("pelanggaran/kasus/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("pelanggaran/kasus/<int:case_id>/tindakan/", cases.case_transition, name="case_transition"),
    path("pelanggaran/kasus/<int:case_id>/lhp/", cases.case_finding, name="case_finding"),
    path("pelanggaran/kasus/<int:case_id>/panggilan/", cases.case_hearing_add, name="case_hearing_add"),
    path("pelanggaran/kasus/<int:case_id>/dokumen/", cases.case_document_add, name="case_document_add"),
    path("pelanggaran/kasus/<int:case_id>/petugas/", cases.case_officer, name="case_officer"),
    path("pelanggaran/kasus/<int:case_id>/larangan/", cases.case_activities, name="case_activities"),
    path("pelanggaran/panggilan/<int:hearing_id>/kehadiran/", cases.hearing_attendance, name="hearing_attendance"),
    path("pelanggaran/dokumen/<int:document_id>/", files.case_document_file, name="case_document_file"),
    path("pelanggaran/panggilan/<int:hearing_id>/surat.pdf", files.hearing_letter, name="hearing_letter"),
    # staff: reports
    path("pelanggaran/laporan/", reports.report_list, name="report_list"),
    path("pelanggaran/laporan/baru/", reports.report_create, name="report_create"),
    path("pelanggaran/laporan/<int:report_id>/", reports.report_detail, name="report_detail"),
    path("pelanggaran/laporan/<int:report_id>/pelapor/", reports.report_reporter, name="report_reporter"),
    path("pelanggaran/laporan/<int:report_id>/buka-kasus/", reports.report_open_cases, name="report_open_cases"),
    path("pelanggaran/laporan/<int:report_id>/tolak/", reports.report_reject, name="report_reject"),
    path("pelanggaran/laporan/<int:report_id>/pesan/", reports.report_message, name="report_message"),
    path("pelanggaran/laporan/<int:report_id>/bukti/", reports.report_evidence_add, name="report_evidence_add"),
    path("pelanggaran/bukti/<int:evidence_id>/", files.evidence_file, name="evidence_file"),
    path("pelanggaran/bukti/<int:evidence_id>/asli/", files.evidence_original, name="evidence_original"),
    path("pelanggaran/cari-pegawai/", reports.employee_lookup, name="violations_employee_lookup"),
    path("pelanggaran/saran-katalog/", reports.catalogue_suggest, name="catalogue_suggest"),
    path("pelanggaran/kinerja-saran/", catalogue.suggester_stats, name="suggester_stats"),
    # catalogue
    path("pelanggaran/katalog/", catalogue.catalogue_list, name="catalogue_list"),
    path("pelanggaran/katalog/entri/", catalogue.catalogue_detail, name="catalogue_detail"),
    path("pelanggaran/katalog/ubah/", catalogue.catalogue_edit, name="catalogue_edit"),
    path("pelanggaran/katalog/nonaktif/", catalogue.catalogue_retire, name="catalogue_retire"),
    path("pelanggaran/katalog/kata-kunci/", catalogue.catalogue_rules, name="catalogue_rules"),
    path("pelanggaran/katalog/usulan/", catalogue.proposal_list, name="proposal_list"),
    path("pelanggaran/katalog/usulan/baru/", catalogue.proposal_add, name="proposal_add"),
    path("pelanggaran/katalog/usulan/<int:proposal_id>/putus/", catalogue.proposal_decide, name="proposal_decide"),
    # the reported ASN
    path("kasus-saya/", asn.my_cases, name="my_cases"),
    path("kasus-saya/<int:case_id>/", asn.my_case_detail, name="my_case_detail"),
    path("kasus-saya/<int:case_id>/keterangan/", asn.my_case_statement, name="my_case_statement"),
    path("kasus-saya/dokumen/<int:document_id>/", files.my_case_document, name="my_case_document"),
    path("kasus-saya/panggilan/<int:hearing_id>/surat.pdf", files.my_hearing_letter, name="my_hearing_letter"),
    # the public (no login)
    path("lapor/", public.public_report, name="public_report"),
    path("lapor/terkirim/", public.public_report_sent, name="public_report_sent"),
    path("lapor/status/", public.public_status, name="public_status"),
    path("lapor/status/tambah/", public.public_status_message, name="public_status_message"),
]
