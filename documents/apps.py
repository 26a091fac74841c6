from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumen terbit"

    def ready(self):
        from . import circular, kinds

        checks.register(check_keys_dir)
        # The Pemda's own circular on ASN neutrality: the demo document, and a kind any region can issue.
        kinds.register(circular.kind())


def _inside(path, root) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def check_keys_dir(app_configs=None, **kwargs):
    """Private signing keys must never be in a directory that is (or may be) served or collected."""
    keys = settings.DOCUMENT_KEYS_DIR
    served = [("MEDIA_ROOT", settings.MEDIA_ROOT), ("STATIC_ROOT", settings.STATIC_ROOT)]
    served += [("STATICFILES_DIRS", d) for d in getattr(settings, "STATICFILES_DIRS", [])]
    errors = []
    for name, root in served:
        if root and (_inside(keys, root) or _inside(root, keys)):
            errors.append(
                checks.Error(
                    f"DOCUMENT_KEYS_DIR ({keys}) overlaps {name} ({root}).",
                    hint="Keep the document signing keys in a directory of their own, outside media and static files.",
                    id="documents.E001",
                )
            )
    return errors
