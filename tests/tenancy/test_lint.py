"""STYLE.md §4 as a test: views, selectors and forms never touch a region-scoped model's manager without
``visible_to``.

A region-scoped model is any model whose default manager's queryset is a core.tenancy.RegionScopedQuerySet.
In */views.py, */selectors.py, */forms.py (and such packages), ``Model.objects...`` must pass through
``.visible_to(`` in the same chain,
or be handed straight to ``get_for_user(...)`` (which applies visible_to itself).
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from core.tenancy import RegionScopedQuerySet

MANAGER_ATTRS = {"objects", "_default_manager", "_base_manager"}
ALLOWED_WRAPPERS = {"get_for_user"}


def scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if isinstance(model._default_manager.get_queryset(), RegionScopedQuerySet)
    }


def view_files() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {".venv", "node_modules", "tests", "static", "staticfiles"}
    patterns = ("views", "selectors", "forms")
    files = [f for name in patterns for f in (*root.glob(f"*/{name}.py"), *root.glob(f"*/{name}/*.py"))]
    files += list(root.glob("*/*/views.py"))
    return sorted({f for f in files if not skip & set(f.relative_to(root).parts)})


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _handed_to_wrapper(target, assign, parents) -> bool:
    """``qs = Model.objects...`` followed, in the same function, by ``get_for_user(qs, ...)``."""
    if not isinstance(target, ast.Name):
        return False
    scope = assign
    while scope in parents and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        scope = parents[scope]
    for node in ast.walk(scope):
        if isinstance(node, ast.Call) and _call_name(node) in ALLOWED_WRAPPERS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id == target.id:
                return True
    return False


PUBLIC_DATA = "# public-data"  # a line that reads data every visitor may see (say why on the line above)


def bare_accesses(source: str, models: set[str]) -> list[tuple[int, str]]:
    """(line, text) for every ``Model.objects`` chain that never calls ``.visible_to(``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGER_ATTRS
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            continue
        current, ok = node, False
        while True:
            parent = parents.get(current)
            if isinstance(parent, ast.Attribute) and parent.value is current:
                called = parents.get(parent)
                # visible_to narrows; none() returns nothing at all (a form field's placeholder queryset).
                if parent.attr in ("visible_to", "none") and isinstance(called, ast.Call) and called.func is parent:
                    ok = True
                    break
            elif not (isinstance(parent, ast.Call) and parent.func is current):
                break
            current = parent
        if not ok:
            parent = parents.get(current)
            ok = isinstance(parent, ast.Call) and _call_name(parent) in ALLOWED_WRAPPERS and current in parent.args[:1]
        if not ok and isinstance(parent, ast.Assign) and len(parent.targets) == 1:
            ok = _handed_to_wrapper(parent.targets[0], parent, parents)
        if not ok and PUBLIC_DATA in lines[node.lineno - 1]:
            ok = True
        if not ok:
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return sorted(found)


def test_views_narrow_every_regional_query():
    models = scoped_model_names()
    root = Path(settings.BASE_DIR)
    problems = []
    for path in view_files():
        for line, text in bare_accesses(path.read_text(), models):
            problems.append(
                f"{path.relative_to(root)}:{line}: bare {text} — use {text}.visible_to(user, cap) or get_for_user()"
            )
    assert not problems, "\n".join(problems)


def test_it_knows_the_region_scoped_models():
    assert {"Employee", "WorkUnit", "Membership", "RosterImport", "OutgoingEmail"} <= scoped_model_names()


def test_it_scans_the_view_modules():
    names = {str(p.relative_to(settings.BASE_DIR)) for p in view_files()}
    assert "people/views/employees.py" in names
    assert "audit/views.py" in names
    assert "people/selectors.py" in names and "people/forms/staff.py" in names


def test_the_rule_flags_bare_access_and_allows_narrowed_access():
    source = """
def bad(request, pk):
    a = Employee.objects.get(pk=pk)
    b = Employee.objects.filter(region=1).visible_to
    c = WorkUnit._default_manager.all()
    d = list(Employee.objects.all())
    qs = Employee.objects.all()
    return qs

def good(request, pk):
    a = Employee.objects.visible_to(request.user, "roster.view").get(pk=pk)
    b = Employee.objects.select_related("region").visible_to(request.user)
    c = get_for_user(Employee.objects.select_related("work_unit"), request.user, pk=pk)
    d = Region.objects.get(pk=1)
    qs = Employee.objects.select_related("region")
    f = get_for_user(qs, request.user, pk=pk)
    e = Employee.objects.visible_to(
        request.user
    ).count()
    g = WorkUnit.objects.filter(is_public=True)  # public-data: published by every Pemda
"""
    flagged = bare_accesses(source, {"Employee", "WorkUnit"})
    assert sorted(line for line, _ in flagged) == [3, 4, 5, 6, 7]
