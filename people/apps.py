from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Pemda, unit kerja dan pegawai"

    def ready(self):
        from core.redaction import register_credential_path
        from mailer import credentials

        from . import signals  # noqa: F401
        from .services.accounts import PURPOSES, account_link_for_email

        for purpose in PURPOSES:
            credentials.register(purpose, account_link_for_email)
        # /akun/aktivasi/<uid>/<token>/ and friends; "atur-sandi"/"set-password" are the token-free pages.
        register_credential_path(
            r"/akun/(?:aktivasi|undangan|reset)/[^/\s]+/(?P<token>(?!atur-sandi|set-password)[^/\s?#\"]+)"
        )
