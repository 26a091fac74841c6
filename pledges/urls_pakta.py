"""The pakta integritas pages (issue 8): staff under pakta/, the ASN's own under pakta/saya/ and the signing
pages (pakta/buka/<token>/ parks a link in the session and redirects to the token-free pakta/tandatangani/)."""

from django.urls import path

from .views import pakta, pakta_sign, pakta_staff

urlpatterns = [
    path("pakta/", pakta_staff.campaign_list, name="campaign_list"),
    path("pakta/templat/", pakta.template_list, name="pact_template_list"),
    path("pakta/templat/baru/", pakta.template_create_view, name="pact_template_create"),
    path("pakta/templat/<int:template_id>/", pakta.template_detail, name="pact_template_detail"),
    path("pakta/templat/<int:template_id>/ubah/", pakta.template_edit_view, name="pact_template_edit"),
    path("pakta/templat/<int:template_id>/terbitkan/", pakta.template_publish_view, name="pact_template_publish"),
    path("pakta/kampanye/baru/", pakta_staff.campaign_create_view, name="campaign_create"),
    path("pakta/kampanye/<int:campaign_id>/", pakta_staff.campaign_detail, name="campaign_detail"),
    path("pakta/kampanye/<int:campaign_id>/luncurkan/", pakta_staff.campaign_launch_view, name="campaign_launch"),
    path("pakta/kampanye/<int:campaign_id>/tutup/", pakta_staff.campaign_close_view, name="campaign_close"),
    path("pakta/kampanye/<int:campaign_id>/belum/", pakta_staff.campaign_unsigned, name="campaign_unsigned"),
    path(
        "pakta/kampanye/<int:campaign_id>/undangan/<int:invitation_id>/kirim-ulang/",
        pakta_staff.invitation_resend_view,
        name="invitation_resend",
    ),
    path("pakta/kampanye/<int:campaign_id>/ekspor.csv", pakta_staff.campaign_export_csv, name="campaign_export_csv"),
    path("pakta/kampanye/<int:campaign_id>/ekspor.xlsx", pakta_staff.campaign_export_xlsx, name="campaign_export_xlsx"),
    path("pakta/kampanye/<int:campaign_id>/whatsapp/", pakta_staff.campaign_whatsapp, name="campaign_whatsapp"),
    path("pakta/kampanye/<int:campaign_id>/kode-qr/", pakta_staff.campaign_codes, name="campaign_codes"),
    path("pakta/kampanye/<int:campaign_id>/zip/", pakta_staff.campaign_zip_view, name="campaign_zip"),
    path(
        "pakta/kampanye/<int:campaign_id>/zip/unduh/", pakta_staff.campaign_zip_download, name="campaign_zip_download"
    ),
    path("pakta/tanda-tangan/<int:signature_id>/", pakta_staff.signature_detail, name="signature_detail"),
    path("pakta/tanda-tangan/<int:signature_id>/pdf/", pakta_sign.signature_pdf, name="signature_pdf"),
    path("pakta/saya/", pakta_sign.my_pakta, name="my_pakta"),
    path("pakta/saya/<int:invitation_id>/", pakta_sign.pakta_sign_login, name="pakta_sign_login"),
    path("pakta/buka/<str:token>/", pakta_sign.pakta_open, name="pakta_open"),
    path("pakta/tandatangani/", pakta_sign.pakta_sign_link, name="pakta_sign_link"),
    path("pakta/selesai/<int:signature_id>/", pakta_sign.pakta_done, name="pakta_done"),
    path("pakta/koreksi/", pakta_sign.pakta_correction, name="pakta_correction"),
]
