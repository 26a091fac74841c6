"""The pledges app's pages: the apel (urls_apel.py) and the pakta integritas (urls_pakta.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("pledges.urls_apel")),
    path("", include("pledges.urls_pakta")),
]
