import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    call_command("seed_demo", asn_per_region=20, force=True, stdout=io.StringIO())
