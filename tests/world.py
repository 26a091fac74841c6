"""The registry the URL walk (tests/tenancy/test_url_walk.py) builds its world from.

Each app declares, in ``tests/<app>/world.py``, what the walk needs to know about its pages, so five
features never edit the same file:

    from tests.world import world

    @world.obj("employee_id", Employee, markers=lambda e: [e.nip, e.name], owner="siti_user")
    def siti(env):                       # a region-A object; env holds the regions, actors and other objects
        return EmployeeFactory(region=env.region_a, ...)

    world.route("employee_edit", "employee.edit")      # the capability the page requires (GET and POST)
    world.route("my_profile", ASN)                      # any ASN, on their own data only
    world.public("login", "the login form")            # no login needed, and why

From the registry the walk derives the objects to put in URLs, the snapshot it compares before and after
each request (every registered object's row, and the count of its model's rows in region A) and the
markers no foreign actor may ever see. A region-scoped model that no registry covers fails a test, as
does a URL pattern that declares neither a capability nor a public reason.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ASN = "asn"  # a page for an ASN about their own data (any linked employee)
AUTHENTICATED = "authenticated"  # any logged-in user, about their own account


@dataclass(frozen=True)
class Public:
    reason: str
    sample_kwargs: dict = field(default_factory=dict)
    optional: bool = False  # present only in some configurations


@dataclass(frozen=True)
class Route:
    get: str | None
    post: str | None


@dataclass
class ObjectSpec:
    name: str
    kwarg: str | None
    model: type
    make: Callable
    markers: Callable | None = None
    owner: str | None = None  # the env name of the user who owns the object (an ASN), if any


class Env(dict):
    """The walk's world: attribute access on a dict (env.region_a, env.siti). A registered object is made the
    first time something asks for it, so one app's object may build on another's whatever the order."""

    def __getattr__(self, name):
        if name not in self and name in world.objects:
            self[name] = world.objects[name].make(self)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class World:
    def __init__(self):
        self.objects: dict[str, ObjectSpec] = {}
        self.routes: dict[str, Route] = {}
        self.publics: dict[str, Public] = {}
        self.uncovered_models: dict[type, str] = {}
        self.uncounted_models: set[type] = set()
        self.setups: list[Callable] = []

    def obj(self, kwarg: str | None, model: type, *, markers=None, owner: str | None = None, name: str = ""):
        """Register a region-A object made by the decorated function (env) -> instance."""

        def register(make):
            key = name or make.__name__
            self.objects[key] = ObjectSpec(key, kwarg, model, make, markers, owner)
            return make

        return register

    def route(self, url_name: str, capability: str | None = None, *, get: str | None = None, post: str | None = None):
        """The capability a page requires (``get``/``post`` when the methods differ)."""
        self.routes[url_name] = Route(get or capability, post or capability)

    def public(self, url_name: str, reason: str, sample_kwargs: dict | None = None, *, optional: bool = False):
        self.publics[url_name] = Public(reason, sample_kwargs or {}, optional)

    def not_walked(self, model: type, reason: str, *, counted: bool = True):
        """A region-scoped model whose rows no page names by id: say why the walk needs no object of it.
        ``counted=False`` leaves its row count out of the snapshot (a log every login appends to)."""
        self.uncovered_models[model] = reason
        if not counted:
            self.uncounted_models.add(model)

    def setup(self, function: Callable):
        """Extra region-A rows an app needs in the world (run after the base actors, before the objects)."""
        self.setups.append(function)
        return function

    def kwarg_objects(self) -> dict[str, ObjectSpec]:
        return {spec.kwarg: spec for spec in self.objects.values() if spec.kwarg}

    def covered_models(self) -> set[type]:
        return {spec.model for spec in self.objects.values()} | set(self.uncovered_models)


world = World()
_loaded = False


def load() -> World:
    """Import every tests/<app>/world.py once."""
    global _loaded
    if not _loaded:
        root = Path(__file__).resolve().parent
        for info in pkgutil.iter_modules([str(root)]):
            if info.ispkg and (root / info.name / "world.py").exists():
                importlib.import_module(f"tests.{info.name}.world")
        _loaded = True
    return world
