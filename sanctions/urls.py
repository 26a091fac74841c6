"""Recommendations, the head's decision, letters, prior sanctions, sanctions in force, the TPP schedule."""

from django.urls import path

from . import views

urlpatterns = [
    path("sanksi/", views.sanction_list, name="sanction_list"),
    path("sanksi/kasus/<int:case_id>/", views.sanction_case, name="sanction_case"),
    path("sanksi/kasus/<int:case_id>/usul/", views.sanction_propose, name="sanction_propose"),
    path("sanksi/<int:rec_id>/tetapkan/", views.sanction_approve, name="sanction_approve"),
    path("sanksi/<int:rec_id>/tolak/", views.sanction_reject, name="sanction_reject"),
    path("sanksi/<int:rec_id>/asli/", views.sanction_original, name="sanction_original"),
    path("sanksi/<int:rec_id>/penyampaian/", views.sanction_deliver, name="sanction_deliver"),
    path(
        "sanksi/<int:rec_id>/telaahan.pdf", views.sanction_recommendation_letter, name="sanction_recommendation_letter"
    ),
    path("sanksi/<int:rec_id>/keputusan.pdf", views.sanction_decision_letter, name="sanction_decision_letter"),
    path("sanksi/pegawai/<int:employee_id>/riwayat/", views.prior_sanctions, name="prior_sanctions"),
    path("sanksi/jadwal-tpp/", views.cut_schedule, name="cut_schedule"),
    path("sanksi/jadwal-tpp.xlsx", views.cut_schedule_xlsx, name="cut_schedule_xlsx"),
    path("saya/sanksi/", views.my_sanctions, name="my_sanctions"),
    path("saya/sanksi/<int:rec_id>/keputusan.pdf", views.my_sanction_letter, name="my_sanction_letter"),
]
