"""Demo data, contributed by each app: ``<app>/demo.py`` defines ``seed(ctx: DemoContext)``.

``manage.py seed_demo`` calls them in INSTALLED_APPS order (people first: it makes the regions and the
accounts the others build on), inside one transaction. Each seed must be idempotent (a second run
changes nothing) and should go through the app's own services, so demo rows are audited like real ones.
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
    """Every installed app's demo module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(name) is not None:
            found.append(import_module(name))
    return found
