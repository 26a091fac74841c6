"""Documents fixtures: keys and files in a temporary directory, Celery eager, fresh rate-limit counts,
a test kind about an employee (a letter naming a person, whose public facts hide when it is closed)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from documents import kinds
from documents.kinds import DocumentKind, Rendered, letter_facts
from netralitas.celery import app as celery_app
from people.models import Employee
from tests.factories import EmployeeFactory

LETTER_KIND = "tests.letter"
LETTER_TEMPLATE = """{% extends "documents/base_letter.html" %}{% block content %}
<h1 class="doc-title">Surat Uji</h1><p class="doc-number">Nomor {{ number }}</p>
<p>Kepada {{ employee.name }}, NIP {{ employee.nip }}: isi surat uji nomor {{ number }}.</p>
{% endblock %}"""


@dataclass
class LetterState:
    """What the test kind reads besides its object: the letter number, and whether it is closed (hidden)."""

    number: str = "800.1.6/123/BKPSDM/2026"
    closed: bool = False
    build_hook: object = None  # called in build(): lets a race test hold both issuers at the same point


@pytest.fixture(autouse=True)
def document_dirs(settings, tmp_path):
    """Private keys and stored files in this test's own directories, never in the project's var/."""
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture(autouse=True)
def eager_celery():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The verification page's counts live in the shared cache: start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def letter_templates(settings, tmp_path):
    path = tmp_path / "templates" / "tests" / "letter.html"
    path.parent.mkdir(parents=True)
    path.write_text(LETTER_TEMPLATE, encoding="utf-8")
    engine = dict(django_settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path / "templates", *engine["DIRS"]]
    settings.TEMPLATES = [engine]


@pytest.fixture
def letter_kind(letter_templates):
    """A kind about an employee: the PDF names the person; the public facts never do, and vanish once closed."""
    state = LetterState()

    def build(employee):
        if state.build_hook is not None:
            state.build_hook()
        context = {"employee": employee, "number": state.number}
        return Rendered("tests/letter.html", context, employee.region, f"Surat uji {employee.name}", state.number)

    def facts(document):
        return None if state.closed else letter_facts(document)

    kinds.register(DocumentKind(LETTER_KIND, "Surat uji", Employee, build, facts))
    yield state
    kinds.unregister(LETTER_KIND)


@pytest.fixture
def employee_a(region_a, unit_a):
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Rahmat Hidayat Penanda", nip="198703152011031002")


def pdftotext(path_or_bytes, tmp_path=None) -> str:
    if isinstance(path_or_bytes, bytes | bytearray):
        result = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=path_or_bytes, capture_output=True, check=True
        )
    else:
        result = subprocess.run(["pdftotext", "-layout", str(path_or_bytes), "-"], capture_output=True, check=True)
    return result.stdout.decode()


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "media" / "documents").rglob("*") if p.is_file())
