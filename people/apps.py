from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Pemda, unit kerja dan pegawai"

    def ready(self):
        from . import signals  # noqa: F401
