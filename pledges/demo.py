"""The pledges app's demo data (core/demodata.py): each part seeds from its own module."""

from core.demodata import DemoContext


def seed(ctx: DemoContext) -> None:
    from .apel_demo import seed as seed_apel
    from .pakta_demo import seed as seed_pakta

    seed_apel(ctx)
    seed_pakta(ctx)
