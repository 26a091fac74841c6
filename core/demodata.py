"""Demo data, contributed by each app: ``<app>/demo.py`` defines ``seed(ctx: DemoContext)``.

``manage.py seed_demo`` calls them inside one transaction, the people app's first (it makes the regions and
the accounts the others build on: its module says ``ORDER = 0``), then in INSTALLED_APPS order. Each seed
must be idempotent (a second run changes nothing) and should go through the app's own services, so demo
rows are audited like real ones.
"""

import random
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

DEMO_PASSWORD = "netralitas-demo"


@dataclass
class DemoContext:
    stdout: object
    asn_per_region: int = 300
    # Filled by the people app's seed: the demo regions by code and the demo accounts by username.
    regions: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """A deterministic random stream per purpose: the same demo every run."""
        return random.Random(f"netralitas-demo:{name}")

    def say(self, text: str) -> None:
        self.stdout.write(text)


def demo_modules() -> list:
    """Every installed app's demo module: by its ``ORDER`` (default 100; the people app's, which makes the
    regions and accounts, is 0), then in INSTALLED_APPS order."""
    found = []
    for position, config in enumerate(apps.get_app_configs()):
        name = f"{config.name}.demo"
        if find_spec(name) is not None:
            module = import_module(name)
            found.append((getattr(module, "ORDER", 100), position, module))
    return [module for _order, _position, module in sorted(found, key=lambda item: item[:2])]
