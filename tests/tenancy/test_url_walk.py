"""Walk every URL pattern of the project and check that nobody outside region A reads or changes its data,
and that nobody in region A does what their role does not allow.

Patterns are collected from the root resolver when this module is imported, so a new view is covered
the moment its URL is wired. What the walk knows of each page comes from the apps' registries
(tests/<app>/world.py, see tests/world.py): the capability the page requires or the reason it is public,
and the region-A objects to put in its URL. A pattern that is in no registry fails, asking to be declared.

Actors: anonymous; ``staff_b`` holding EVERY role in region B (so a refusal comes from the region
boundary, not from a missing capability); ``province_other``, the admin of another province (whose
reach goes through its kabupaten/kota); ``asn_a``, an ASN of region A who owns none of the objects;
``wrong_role``, a region-A user holding every role that lacks the page's capability; and ``owner``, the
ASN who owns the page's object, who may do exactly what the object's model allows its owner.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.capabilities import capabilities_of, roles_by_home_order
from core.tenancy import RegionScopedQuerySet
from people.roles import Role
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, UserFactory
from tests.world import ASN, AUTHENTICATED, Env, load

ADMIN_PREFIX = "django-admin/"
WORLD = load()
PUBLIC = WORLD.publics


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the route text when unnamed
    pieces: tuple  # the patterns from the root down to this one

    @property
    def kwargs(self) -> list[str]:
        names: list[str] = []
        for piece in self.pieces:
            names.extend(piece.regex.groupindex)
        return names

    def build(self, values: dict) -> str:
        url = "/"
        for piece in self.pieces:
            text = str(piece)
            if piece.__class__.__name__ == "RoutePattern":
                text = re.sub(r"<(?:[^>:]+:)?([^>]+)>", lambda m: str(values[m.group(1)]), text)
            else:
                text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), text)
                text = text.lstrip("^").rstrip("$").replace("\\", "")
            url += text
        return url


def collect_routes(patterns=None, pieces=(), urlconf=None) -> list[Route]:
    routes: list[Route] = []
    for entry in get_resolver(urlconf).url_patterns if patterns is None else patterns:
        here = (*pieces, entry.pattern)
        if isinstance(entry, URLResolver):
            if not pieces and str(entry.pattern) == ADMIN_PREFIX:
                continue  # Django's admin is checked on its own below
            routes.extend(collect_routes(entry.url_patterns, here))
        elif isinstance(entry, URLPattern):
            key = entry.name or "".join(str(p) for p in here)
            if key.startswith("^media/"):  # static(MEDIA_URL) in DEBUG, whatever sub-path it serves
                key = "media"
            routes.append(Route(key, here))
    return routes


ROUTES = collect_routes()
PRIVATE_ROUTES = [r for r in ROUTES if r.key not in PUBLIC]
PUBLIC_ROUTES = [r for r in ROUTES if r.key in PUBLIC]


# --- the world: the apps' region-A objects and markers, and the actors ------------------------------------


@pytest.fixture
def world(region_a, region_b, unit_a, bkd_a, asn_a, bkd_b):
    env = Env(region_a=region_a, region_b=region_b, unit_a=unit_a, bkd_a=bkd_a, asn_a=asn_a, staff_b=bkd_b)
    for role in (Role.ADMIN, Role.HEAD, Role.INSPECTOR):
        MembershipFactory(user=bkd_b, region=region_b, role=role)
    EmployeeFactory(region=region_b, name="Warga Oki")
    jambi = RegionFactory(code="jambi", kind="provinsi", parent=None, name="Provinsi Jambi")
    EmployeeFactory(region=RegionFactory(parent=jambi, name="Kabupaten Muaro Jambi"), name="Warga Jambi")
    env["province_other"] = MembershipFactory(region=jambi, role=Role.ADMIN, user__username="jambi_admin").user
    for setup in WORLD.setups:
        setup(env)
    markers = []
    for name, spec in WORLD.objects.items():
        getattr(env, name)
        if spec.markers is not None:
            markers.extend(spec.markers(env[name]))
    env["markers"] = markers
    env["region_markers"] = [region_a.name]
    env["wrong_role"] = {}
    return env


def _region_a_rows(model, region_a_id):
    """Rows of a scoped model that belong to region A (its queryset knows the path to the region)."""
    condition = model._default_manager.all()._region_condition([region_a_id])
    return model._base_manager.filter(condition)


def snapshot(env) -> dict:
    """Every registered region-A object as stored (None once deleted), and how many rows each model has there."""
    state = {}
    for name, spec in WORLD.objects.items():
        state[name] = spec.model._base_manager.filter(pk=env[name].pk).values().first()
    for model in WORLD.covered_models() - WORLD.uncounted_models:
        if isinstance(model._default_manager.all(), RegionScopedQuerySet):
            state[f"count:{model._meta.label}"] = _region_a_rows(model, env.region_a.pk).count()
    return state


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def request(client, method: str, url: str):
    """(response, error text): a 500 becomes a reported failure rather than a crash of the whole walk."""
    try:
        return (client.get(url) if method == "GET" else client.post(url, {})), None
    except Exception as exc:  # noqa: BLE001 - every failure is collected and reported together
        return None, f"{method} {url}: raised {exc.__class__.__name__}: {exc}"


def object_kwargs(route: Route, env) -> dict:
    factories = WORLD.kwarg_objects()
    unknown = [name for name in route.kwargs if name not in factories]
    if unknown:
        pytest.fail(
            f"{route.key}: URL kwarg(s) {unknown} have no object. Register one in tests/<app>/world.py "
            f"(@world.obj({unknown[0]!r}, Model)), or declare the page public there with a reason.",
            pytrace=False,
        )
    return {name: env[factories[name].name].pk for name in route.kwargs}


def route_capabilities(route: Route) -> dict[str, str | None]:
    declared = WORLD.routes.get(route.key)
    if declared is None:
        pytest.fail(
            f"{route.key}: no registry declares this page. Add world.route({route.key!r}, '<capability>') "
            f"(or ASN / AUTHENTICATED) in tests/<app>/world.py, or world.public(...) with a reason.",
            pytrace=False,
        )
    return {"GET": declared.get, "POST": declared.post}


def wrong_role_user(env, capability: str):
    """A region-A user holding every role that lacks the capability (None if every role has it)."""
    cache = env["wrong_role"]
    if capability not in cache:
        roles = [r for r in roles_by_home_order() if capability not in capabilities_of(r)]
        user = None
        if roles:
            user = UserFactory(username=f"wrong.{len(cache)}")
            for code in roles:
                MembershipFactory(user=user, region=env.region_a, role=code)
        cache[capability] = user
    return cache[capability]


def route_owner(route: Route, env):
    """The ASN who owns the page's object, and whether the object's model lets its owner use ``capability``."""
    factories = WORLD.kwarg_objects()
    for name in route.kwargs:
        spec = factories.get(name)
        if spec is not None and spec.owner:
            obj = env[spec.name]
            owner = obj
            for part in spec.owner.split("."):
                owner = getattr(owner, part, None)
            if owner is not None:
                return owner, spec.model._default_manager.all().owner_capabilities
    return None, frozenset()


# --- the walk --------------------------------------------------------------------------------------


REFUSED = (403, 404, 405)


def walk_failures(route: Route, env, client) -> list[str]:
    """Every way an actor could read or change what their region or role does not allow through this route."""
    url = route.build(object_kwargs(route, env))
    caps = route_capabilities(route)
    has_object = bool(route.kwargs)
    login_url = reverse("login")
    failures: list[str] = []
    wrong = {
        method: wrong_role_user(env, capability)
        for method, capability in caps.items()
        if capability not in (None, ASN, AUTHENTICATED)
    }  # made before the snapshot: their memberships are not a change the page made
    before = snapshot(env)

    def refused(response):
        return response.status_code in REFUSED or (
            response.status_code == 302 and response["Location"].startswith(login_url)
        )

    def check_unchanged(who, method):
        after = snapshot(env)
        if after != before:
            changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
            failures.append(f"{who} {method} {url}: region-A data CHANGED ({', '.join(changed)})")

    # Anonymous: sent to login, or refused; never served.
    client.logout()
    for method in ("GET", "POST"):
        response, error = request(client, method, url)
        if error:
            failures.append(f"anonymous {error}")
            continue
        if not refused(response):
            failures.append(f"anonymous {method} {url}: got {response.status_code}, expected login/403/404/405")
        check_unchanged("anonymous", method)

    # Outsiders and an unrelated ASN: never region A's data.
    for who in ("staff_b", "province_other", "asn_a"):
        client.force_login(env[who])
        markers = env["markers"] + (env["region_markers"] if who != "asn_a" else [])
        for method in ("GET", "POST"):
            response, error = request(client, method, url)
            if error:
                failures.append(f"{who} {error}")
                continue
            status = response.status_code
            if has_object and status not in REFUSED:
                failures.append(f"{who} {method} {url}: got {status} for a region-A object, expected 403/404/405")
            elif not has_object and status not in (200, 302, *REFUSED):
                failures.append(f"{who} {method} {url}: unexpected status {status}")
            if status == 200:
                leaked = [m for m in markers if m in body_of(response)]
                if leaked:
                    failures.append(f"{who} {method} {url}: response shows region-A data {leaked}")
            check_unchanged(who, method)
        client.logout()

    # Region A, a role without the page's capability: refused, nothing changed.
    for method in ("GET", "POST"):
        capability, user = caps[method], wrong.get(method)
        if user is None:
            continue
        client.force_login(user)
        response, error = request(client, method, url)
        if error:
            failures.append(f"wrong_role {error}")
        elif not refused(response):
            failures.append(f"wrong_role (lacks {capability}) {method} {url}: got {response.status_code}")
        check_unchanged(f"wrong_role (lacks {capability})", method)
        client.logout()

    # The object's owner (an ASN): exactly what the model allows its owner.
    owner, owner_caps = route_owner(route, env)
    if owner is not None:
        client.force_login(owner)
        for method in ("GET", "POST"):
            capability = caps[method]
            response, error = request(client, method, url)
            if error:
                failures.append(f"owner {error}")
                continue
            if capability in owner_caps or capability in (ASN, AUTHENTICATED):
                if method == "GET" and response.status_code != 200:
                    failures.append(f"owner GET {url}: got {response.status_code}, the owner may use {capability}")
                continue
            if not refused(response):
                failures.append(f"owner (may not {capability}) {method} {url}: got {response.status_code}")
            check_unchanged(f"owner (may not {capability})", method)
        client.logout()
    return failures


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=lambda r: r.key)
def test_no_foreign_or_anonymous_access(route, world, client):
    failures = walk_failures(route, world, client)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda r: r.key)
def test_public_pages_leak_nothing(route, world, client):
    sample = PUBLIC[route.key].sample_kwargs
    missing = [name for name in route.kwargs if name not in sample]
    assert not missing, f"{route.key}: give world.public({route.key!r}, ..., sample_kwargs) values for {missing}"
    url = route.build(sample)
    before = snapshot(world)
    for method in ("GET", "POST"):
        response, error = request(client, method, url)
        assert error is None, error
        assert response.status_code != 500
        if response.status_code == 200:
            body = body_of(response)
            leaked = [m for m in world["markers"] + world["region_markers"] if m in body]
            assert not leaked, f"anonymous {method} {url} shows region-A data {leaked}"
    assert snapshot(world) == before


def test_the_walk_sees_the_project():
    keys = {r.key for r in ROUTES}
    for name in ("home", "employee_list", "employee_detail", "employee_edit", "audit_list"):
        assert name in keys, f"the URL walk did not find {name}: is collect_routes() still walking includes?"


def test_every_public_entry_still_exists():
    keys = {r.key for r in ROUTES}
    stale = [key for key, entry in PUBLIC.items() if key not in keys and not entry.optional]
    assert not stale, f"PUBLIC lists patterns that no longer exist: {stale}"


@pytest.mark.urls("tests.tenancy.leaky_urls")
def test_the_walk_catches_leaky_views(world, client):
    """The walk can fail: views that forget tenancy are each reported."""
    routes = {r.key: r for r in collect_routes(urlconf="tests.tenancy.leaky_urls")}
    leaky = walk_failures(routes["leaky_detail"], world, client)
    assert any("anonymous GET" in f and "got 200" in f for f in leaky)
    assert any("staff_b GET" in f for f in leaky)
    revoke = walk_failures(routes["leaky_revoke"], world, client)
    assert any("CHANGED" in f for f in revoke)
    listing = walk_failures(routes["leaky_list"], world, client)
    assert any("shows region-A data" in f for f in listing)
    with pytest.raises(pytest.fail.Exception, match="have no object"):
        walk_failures(routes["leaky_unknown"], world, client)
    assert walk_failures(routes["employee_detail"], world, client) == []


@pytest.mark.urls("tests.tenancy.leaky_urls")
def test_the_walk_catches_a_wrong_role_and_an_owner_acting_as_staff(world, client):
    """Region A's head may not edit employees; Siti may read her record but not change it."""
    routes = {r.key: r for r in collect_routes(urlconf="tests.tenancy.leaky_urls")}
    failures = walk_failures(routes["leaky_edit"], world, client)
    assert any(f.startswith("wrong_role (lacks employee.edit) POST") for f in failures), failures
    assert any(f.startswith("owner (may not employee.edit) POST") for f in failures), failures
    assert any("CHANGED" in f for f in failures)


def test_every_region_scoped_model_is_covered_by_a_registry():
    """A model that belongs to a Pemda and that no tests/<app>/world.py registers is a model the walk cannot
    protect: register an object of it (or say with world.not_walked why no page names it)."""
    scoped = {m for m in apps.get_models() if isinstance(m._default_manager.all(), RegionScopedQuerySet)}
    missing = sorted(m._meta.label for m in scoped - WORLD.covered_models())
    assert not missing, f"region-scoped models no registry covers: {missing}"


def test_every_private_page_declares_its_capability():
    undeclared = sorted(r.key for r in PRIVATE_ROUTES if r.key not in WORLD.routes)
    assert not undeclared, f"declare these pages in tests/<app>/world.py (world.route): {undeclared}"
    leaky = {key for key in WORLD.routes if key.startswith("leaky_")}  # tests/tenancy/leaky_urls.py only
    stale = sorted(set(WORLD.routes) - leaky - {r.key for r in ROUTES})
    assert not stale, f"world.route() names pages that no longer exist: {stale}"


def test_route_building_substitutes_kwargs():
    route = next(r for r in ROUTES if r.key == "employee_edit")
    assert route.build({"employee_id": 42}) == reverse("employee_edit", kwargs={"employee_id": 42})


# --- Django's admin is for platform operators (superusers) only --------------------------------------


def test_region_staff_cannot_open_django_admin(client, bkd_a):
    client.force_login(bkd_a)
    response = client.get(f"/{ADMIN_PREFIX}")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_non_superuser_staff_user_cannot_open_django_admin(client, django_user_model):
    user = django_user_model.objects.create_user("operator", password="x-rahasia-123", is_staff=True)
    client.force_login(user)
    response = client.get(f"/{ADMIN_PREFIX}")
    assert response.status_code in (302, 403), f"is_staff without superuser opened the admin ({response.status_code})"


def test_media_does_not_serve_private_uploads(world, client, settings):
    """A roster file (NIPs and names of a whole Pemda) must not be downloadable by URL without logging in."""
    from pathlib import Path

    served_from = [
        p.default_args["document_root"]
        for p in get_resolver().url_patterns
        if "document_root" in getattr(p, "default_args", {})
    ]
    roster = world["roster_import"]
    for root in served_from:
        path = Path(root) / roster.file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(world["siti"].nip)
        try:
            response = client.get(f"{settings.MEDIA_URL}{roster.file.name}")
        finally:
            path.unlink()
        assert response.status_code != 200, f"anonymous downloaded {settings.MEDIA_URL}{roster.file.name}"


def test_a_superuser_can_open_django_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="x-rahasia-123")
    client.force_login(user)
    assert client.get(f"/{ADMIN_PREFIX}").status_code == 200
