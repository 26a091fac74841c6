"""Every model whose rows belong to a Pemda uses the scoped queryset, so forgetting tenancy fails here.

A model "belongs to a Pemda" when a chain of foreign keys (or one-to-one fields) leads from it to the
region or to an employee. Such a model's default manager must return a core.tenancy.RegionScopedQuerySet
(``Model.objects.visible_to(user, capability)``), unless ALLOWLIST names it with the reason.
"""

from django.apps import apps
from django.conf import settings

from core.tenancy import RegionScopedQuerySet

PROJECT_APPS = {"core", "audit", "mailer", "documents", "people", "pledges", "violations", "sanctions", "dashboard"}
TENANT_MODELS = {"people.region", "people.employee"}
MAX_DEPTH = 4

# model label (lower case) -> why it may belong to a Pemda without the scoped queryset.
ALLOWLIST: dict[str, str] = {}


def tenant_path(model, depth=0, seen=()) -> list[str] | None:
    """The field names from ``model`` to a region or an employee, or None."""
    if model._meta.label_lower in TENANT_MODELS and depth:
        return []
    if depth >= MAX_DEPTH:
        return None
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.one_to_one) or not field.concrete or field.related_model is None:
            continue
        target = field.related_model
        if target in seen:
            continue
        rest = tenant_path(target, depth + 1, (*seen, model))
        if rest is not None:
            return [field.name, *rest]
    return None


def project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


def test_every_model_that_belongs_to_a_pemda_is_scoped():
    problems = []
    for model in project_models():
        label = model._meta.label_lower
        path = [] if label in TENANT_MODELS else tenant_path(model)
        if path is None or label in ALLOWLIST:
            continue
        if not isinstance(model._default_manager.all(), RegionScopedQuerySet):
            problems.append(f"{label} (via {'.'.join(path) or 'itself'})")
    assert not problems, (
        "these models reach a region or an employee but their default manager is not a RegionScopedQuerySet; "
        f"give them one (or name them in ALLOWLIST with a reason): {problems}"
    )


def test_the_check_finds_the_known_tenant_models():
    labels = {m._meta.label_lower for m in project_models() if tenant_path(m) is not None}
    assert {"people.workunit", "people.membership", "people.rosterimport", "mailer.outgoingemail"} <= labels


def test_the_allowlist_names_existing_models():
    labels = {m._meta.label_lower for m in apps.get_models()}
    assert set(ALLOWLIST) <= labels, set(ALLOWLIST) - labels


def test_the_project_apps_are_the_installed_ones():
    installed = {name.split(".")[0] for name in settings.INSTALLED_APPS if "." not in name}
    assert installed <= PROJECT_APPS | {"axes", "crispy_forms", "crispy_bootstrap5", "django_celery_beat"}
