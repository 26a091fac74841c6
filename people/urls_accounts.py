from django.contrib.auth import views as auth_views
from django.urls import path

from .forms.accounts import NetralitasPasswordResetForm
from .views import accounts as views

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("aktivasi/", views.activation_request, name="activation_request"),
    path("aktivasi/terkirim/", views.activation_sent, name="activation_sent"),
    path("aktivasi/<uidb64>/<token>/", views.activation_confirm, name="activation_confirm"),
    path("undangan/<uidb64>/<token>/", views.invitation_confirm, name="invitation_confirm"),
    path(
        "lupa-sandi/",
        auth_views.PasswordResetView.as_view(form_class=NetralitasPasswordResetForm),
        name="password_reset",
    ),
    path("lupa-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("ganti-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("ganti-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bahasa/", views.language_set, name="language_set"),
]
