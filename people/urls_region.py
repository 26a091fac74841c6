from django.urls import path

from .views import regionsettings as views

urlpatterns = [
    path("pengaturan/", views.region_settings, name="region_settings"),
    path("privasi/", views.privacy_notice, name="privacy_notice"),
]
