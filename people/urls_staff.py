from django.urls import path

from .views import staff as views

urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("tambah/", views.staff_add, name="staff_add"),
    path("<int:membership_id>/cabut/", views.staff_revoke, name="staff_revoke"),
    path("<int:membership_id>/undang-ulang/", views.staff_invite_resend, name="staff_invite_resend"),
]
