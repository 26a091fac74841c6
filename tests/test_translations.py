"""The English catalogue: complete, faithful to its placeholders, in step with the code, and used."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
# The project's catalogue (layout, the foundation's templates and apps) ...
CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
# ... and one per app that keeps its own (<app>/locale/: the app's Python and <app>/templates/ strings),
# so features never edit the same file.
APP_CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"


def all_catalogues() -> list[Path]:
    """Relative paths of every English catalogue: the project's first, then each app's."""
    apps = sorted(
        p.relative_to(ROOT) for p in ROOT.glob(f"*/{APP_CATALOGUE}") if p.relative_to(ROOT).parts[0] not in NOT_SOURCE
    )
    return [CATALOGUE, *apps]


# The same options the lead's `makemessages` run uses (see the i18n report / README).
IGNORE = [".venv", "static/vendor", "tests", "benchmarks", "var", "node_modules"]
NOT_SOURCE = {".venv", "var", "test-artifacts", ".git", "node_modules", "staticfiles", ".pytest_cache", ".ruff_cache"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], text.strip()[1:-1])


def parse_po(path: Path) -> list[dict]:
    """Entries as {"msgid", "msgid_plural", "msgstr": [..], "flags": set, "msgctxt"}; header excluded."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if isinstance(field, int):
                    entry["msgstr"][field] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
            else:
                keyword, value = line.split(" ", 1)
                plural_index = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                field = int(plural_index.group(1)) if plural_index else keyword
                if keyword == "msgstr":
                    field = 0
                if isinstance(field, int):
                    entry["msgstr"][field] = _unquote(value)
                else:
                    entry[field] = _unquote(value)
        if entry["msgid"]:
            entry["msgstr"] = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
            entries.append(entry)
    return entries


def _label(entry: dict) -> str:
    return f"{entry['msgctxt']}|{entry['msgid']}" if entry["msgctxt"] else entry["msgid"]


@pytest.fixture(scope="module")
def catalogue():
    """Every entry of every catalogue (tools/po.py todo lists what is left to translate)."""
    path = ROOT / CATALOGUE
    assert path.exists(), f"{CATALOGUE} is missing: run makemessages -l en (see the i18n procedure)"
    return [entry for relative in all_catalogues() for entry in parse_po(ROOT / relative)]


def test_it_translates_every_message(catalogue):
    assert len(parse_po(ROOT / CATALOGUE)) > 100
    fuzzy = [_label(e) for e in catalogue if "fuzzy" in e["flags"]]
    empty = [_label(e) for e in catalogue if not all(s.strip() for s in e["msgstr"])]
    assert not fuzzy, f"fuzzy entries (check the translation, then drop the flag): {fuzzy}"
    assert not empty, f"untranslated entries: {empty}"


@pytest.mark.parametrize("relative", all_catalogues(), ids=str)
def test_it_has_no_fuzzy_header(relative):
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert '"Language: en\\n"' in text


def test_it_keeps_every_placeholder(catalogue):
    broken = []
    for entry in catalogue:
        wanted = set(PLACEHOLDER.findall(entry["msgid"]))
        if entry["msgid_plural"] is not None:
            wanted |= set(PLACEHOLDER.findall(entry["msgid_plural"]))
        for msgstr in entry["msgstr"]:
            lost = wanted - set(PLACEHOLDER.findall(msgstr))
            # a singular form may say "one" instead of the count, but never drop a named value
            if lost:
                broken.append(f"{_label(entry)!r} -> {msgstr!r} lost {sorted(lost)}")
            for edge in (str.startswith, str.endswith):
                for blank in (" ", "\n"):
                    if edge(entry["msgid"], blank) != edge(msgstr, blank):
                        broken.append(f"{_label(entry)!r} -> {msgstr!r}: leading/trailing {blank!r} differs")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("relative", all_catalogues(), ids=str)
def test_gettext_accepts_the_catalogue(relative):
    require(shutil.which("msgfmt") is not None, "msgfmt (GNU gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(ROOT / relative)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _copy_source(target: Path) -> None:
    def ignore(directory, names):
        relative = Path(directory).relative_to(ROOT)
        skipped = {n for n in names if n in NOT_SOURCE or n == "__pycache__"}
        if relative == Path("static"):
            skipped.add("vendor")
        return skipped

    shutil.copytree(ROOT, target, ignore=ignore)


def test_the_catalogue_is_up_to_date_with_the_code(catalogue, tmp_path):
    require(
        shutil.which("msgfmt") is not None and shutil.which("xgettext") is not None,
        "GNU gettext (xgettext, msgfmt) is not installed",
    )
    copy = tmp_path / "src"
    _copy_source(copy)
    for relative in all_catalogues():
        (copy / relative).unlink()  # a fresh extraction, not a merge
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"]
    command += [f"--ignore={pattern}" for pattern in IGNORE]
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr

    problems = []
    for relative in all_catalogues():
        fresh = copy / relative
        extracted = {(e["msgctxt"], e["msgid"]) for e in parse_po(fresh)} if fresh.exists() else set()
        committed = {(e["msgctxt"], e["msgid"]) for e in parse_po(ROOT / relative)}
        missing = sorted(m for _, m in extracted - committed)
        extra = sorted(m for _, m in committed - extracted)
        if missing or extra:
            problems.append(f"{relative}: missing {missing}; no longer in the code: {extra}")
    assert not problems, "run tools/po.py extract, then translate (tools/po.py todo):\n" + "\n".join(problems)


@pytest.fixture
def compiled():
    for relative in all_catalogues():
        po, mo = ROOT / relative, (ROOT / relative).with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
            f"{relative} is not compiled (or older than the .po): run "
            "`.venv/bin/python manage.py compilemessages --ignore=.venv` (make messages)"
        )


def test_it_speaks_english_when_asked(compiled):
    with translation.override("en"):
        assert translation.gettext("Beranda") == "Home"
        assert translation.gettext("Keluar") == "Log out"
        assert translation.ngettext("%(total)s pegawai ditemukan.", "%(total)s pegawai ditemukan.", 2) % {
            "total": 2
        } == ("2 employees found.")
    with translation.override("id"):
        assert translation.gettext("Beranda") == "Beranda"


def test_it_writes_an_english_email(compiled, asn_a, region_a):
    from mailer.services import render_email

    employee = asn_a.employee
    context = {"employee": employee, "user": asn_a, "link": "https://x.test/a/", "expiry_days": 3}
    subject, text, html = render_email("account_activation", context, "en", region_a)
    assert subject == "Netralitas ASN account activation"
    assert f"Dear {employee.display_name}," in text
    assert "within 3 days" in text and "within 3 days" in html
    assert "Tautan" not in text + html


def test_it_translates_model_labels(compiled):
    from people.models import Employee

    with translation.override("en"):
        assert str(Employee._meta.verbose_name) == "ASN employee"
        assert str(Employee._meta.get_field("rank").verbose_name) == "rank/grade"


def test_the_login_page_speaks_english_with_the_language_cookie(client, db, compiled):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("login")).content.decode()
    assert "Log in to Netralitas ASN" in page
    assert "Masuk ke Netralitas ASN" not in page
    assert "Forgot your password?" in page
