"""Walk every URL pattern of the project and check that nobody outside region A reads or changes its data.

Patterns are collected from the root resolver when this module is imported, so a new view is covered
the moment its URL is wired. Object kwargs are filled with region-A objects from OBJECT_FACTORIES; a
pattern with a kwarg missing there fails, asking for a factory. Public pages are declared in PUBLIC,
each with the reason it may be opened without logging in.

Actors: anonymous; ``staff_b`` holding EVERY role in region B (so a refusal comes from the region
boundary, not from a missing capability); ``province_other``, the admin of another province (whose
reach goes through its kabupaten/kota); ``asn_a``, an ASN of region A who is not the object's owner.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mailer.models import OutgoingEmail
from people.models import Employee, Membership, RosterImport
from people.roles import Role
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory

ADMIN_PREFIX = "django-admin/"


@dataclass(frozen=True)
class Public:
    reason: str
    sample_kwargs: dict = field(default_factory=dict)
    optional: bool = False  # present only in some configurations


PUBLIC: dict[str, Public] = {
    "login": Public("the login form"),
    "logout": Public("logging out needs no account (POST only; GET answers 405)"),
    "activation_request": Public("an ASN asks for an activation link before having a password"),
    "activation_sent": Public("static 'check your mail' page"),
    "activation_confirm": Public(
        "the emailed activation link; the signed token is the credential", {"uidb64": "MQ", "token": "x-y"}
    ),
    "invitation_confirm": Public(
        "the emailed staff invitation link; the signed token is the credential", {"uidb64": "MQ", "token": "x-y"}
    ),
    "password_reset": Public("forgotten password form"),
    "password_reset_done": Public("static 'check your mail' page"),
    "password_reset_confirm": Public(
        "the emailed reset link; the signed token is the credential", {"uidb64": "MQ", "token": "x-y"}
    ),
    "password_reset_complete": Public("static 'password changed' page"),
    "set_language": Public("Django's language switch, used on the login page"),
    "language_set": Public("the language switch of the layout (POST only); stores the choice if logged in"),
    "media": Public(
        "DEBUG-only file server added by static() in netralitas/urls.py; never mounted in production",
        {"path": "does-not-exist.txt"},
        optional=True,
    ),
}


OBJECT_FACTORIES = {
    "employee_id": lambda env: env["siti"],
    "import_id": lambda env: env["roster_import"],
    "membership_id": lambda env: env["membership"],
    "email_id": lambda env: env["email"],
}


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


# --- the world: region A's objects and markers, the three actors -------------------------------------


@pytest.fixture
def world(region_a, region_b, unit_a, bkd_a, asn_a, bkd_b):
    siti = EmployeeFactory(
        region=region_a, work_unit=unit_a, name="Siti Rahmawati Marker", nip="198503142010032007", phone="0811111"
    )
    for role in (Role.ADMIN, Role.HEAD, Role.INSPECTOR):
        MembershipFactory(user=bkd_b, region=region_b, role=role)
    EmployeeFactory(region=region_b, name="Warga Oki")
    jambi = RegionFactory(code="jambi", kind="provinsi", parent=None, name="Provinsi Jambi")
    EmployeeFactory(region=RegionFactory(parent=jambi, name="Kabupaten Muaro Jambi"), name="Warga Jambi")
    other_province = MembershipFactory(region=jambi, role=Role.ADMIN, user__username="jambi_admin").user
    env = {
        "siti": siti,
        "membership": Membership.objects.get(user=bkd_a, region=region_a),
        "roster_import": RosterImport.objects.create(
            region=region_a,
            uploaded_by=bkd_a,
            file="roster-imports/marker-muba.csv",
            original_name="roster-marker-muba.csv",
            file_sha256="0" * 64,
        ),
        "email": OutgoingEmail.objects.create(
            region=region_a,
            recipient="marker.siti@muba.example.go.id",
            kind="test_marker",
            subject_key=f"people.employee:{siti.pk}",
            day="2024-11-01",
            subject="Marker subject for region A",
            body_text="Marker body",
        ),
        "staff_b": bkd_b,
        "province_other": other_province,
        "asn_a": asn_a,
    }
    env["markers"] = [
        siti.nip,
        siti.name,
        "roster-marker-muba.csv",
        "marker.siti@muba.example.go.id",
    ]
    env["region_markers"] = [region_a.name]
    return env


def snapshot(env) -> dict:
    """Every region-A object the walk might touch, as stored (None once deleted)."""
    objects = {"siti": Employee, "membership": Membership, "roster_import": RosterImport, "email": OutgoingEmail}
    state = {name: model._base_manager.filter(pk=env[name].pk).values().first() for name, model in objects.items()}
    state["employee_count"] = Employee._base_manager.filter(region_id=env["siti"].region_id).count()
    state["membership_count"] = Membership._base_manager.count()
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
    unknown = [name for name in route.kwargs if name not in OBJECT_FACTORIES]
    if unknown:
        pytest.fail(
            f"{route.key}: URL kwarg(s) {unknown} have no object factory. Register one in OBJECT_FACTORIES in "
            f"tests/tenancy/test_url_walk.py (a region-A object), or declare the page in PUBLIC with a reason.",
            pytrace=False,
        )
    return {name: OBJECT_FACTORIES[name](env).pk for name in route.kwargs}


# --- the walk --------------------------------------------------------------------------------------


def walk_failures(route: Route, env, client) -> list[str]:
    """Every way anonymous, staff_b or asn_a could read or change region A through this route."""
    url = route.build(object_kwargs(route, env))
    has_object = bool(route.kwargs)
    login_url = reverse("login")
    failures: list[str] = []
    before = snapshot(env)

    def check_unchanged(who, method):
        if snapshot(env) != before:
            failures.append(f"{who} {method} {url}: region-A data CHANGED")

    # Anonymous: sent to login, or refused; never served.
    client.logout()
    for method in ("GET", "POST"):
        response, error = request(client, method, url)
        if error:
            failures.append(f"anonymous {error}")
            continue
        ok = response.status_code in (403, 404, 405) or (
            response.status_code == 302 and response["Location"].startswith(login_url)
        )
        if not ok:
            failures.append(
                f"anonymous {method} {url}: got {response.status_code}, expected login redirect/403/404/405"
            )
        check_unchanged("anonymous", method)

    for who in ("staff_b", "province_other", "asn_a"):
        client.force_login(env[who])
        markers = env["markers"] + (env["region_markers"] if who != "asn_a" else [])
        for method in ("GET", "POST"):
            response, error = request(client, method, url)
            if error:
                failures.append(f"{who} {error}")
                continue
            status = response.status_code
            if has_object and status not in (403, 404, 405):
                failures.append(f"{who} {method} {url}: got {status} for a region-A object, expected 403/404/405")
            elif not has_object and status not in (200, 302, 403, 404, 405):
                failures.append(f"{who} {method} {url}: unexpected status {status}")
            if status == 200:
                leaked = [m for m in markers if m in body_of(response)]
                if leaked:
                    failures.append(f"{who} {method} {url}: response shows region-A data {leaked}")
            check_unchanged(who, method)
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
    assert not missing, f"{route.key}: give PUBLIC[{route.key!r}] sample values for {missing}"
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
    with pytest.raises(pytest.fail.Exception, match="no object factory"):
        walk_failures(routes["leaky_unknown"], world, client)
    assert walk_failures(routes["employee_detail"], world, client) == []


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
