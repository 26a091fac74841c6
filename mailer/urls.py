from django.urls import path

from . import views

urlpatterns = [
    path("", views.outbox_list, name="outbox_list"),
    path("<int:email_id>/", views.outbox_detail, name="outbox_detail"),
    path("<int:email_id>/kirim-ulang/", views.outbox_retry, name="outbox_retry"),
]
