"""manage.py recommend_sanction on the catalogue loaded by the migrations: the first line is the level, then
the measures heaviest first, then the articles and the rule; a bad option or code exits with status 2."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("recommend_sanction", *args, stdout=out)
    return out.getvalue().splitlines()


def test_a_kode_etik_act_before_candidate_fixing():
    """NTR-04 before the KPU fixed the candidates: sanksi moral, PP 42/2004 Ps 15."""
    lines = run("--codes", "NTR-04", "--stage", "before", "--employment", "PNS")
    assert lines[0] == "level=kode_etik"
    assert lines[1:3] == ["measure=MORAL_TERBUKA Pernyataan secara terbuka",
                          "measure=MORAL_TERTUTUP Pernyataan secara tertutup"]  # fmt: skip
    assert lines[3].startswith("basis=") and "PP 42/2004" in lines[3] and "Ps 15" in lines[3]
    assert lines[4] == "rule=KE-1"


def test_the_same_act_after_candidate_fixing_is_berat():
    """NTR-04 after candidate fixing is NTR-16: disiplin berat, PP 94/2021 Ps 8 ayat 4."""
    lines = run("--codes", "NTR-04", "--stage", "after", "--employment", "PNS")
    assert lines[0] == "level=berat"
    assert [line.split()[0] for line in lines[1:4]] == ["measure=HD_B3", "measure=HD_B2", "measure=HD_B1"]
    assert "PP 94/2021 Ps 8 ayat 4" in lines[4]
    assert lines[-1] == "rule=DB-PNS"


def test_several_codes_and_a_prior_sanction_climb():
    """NTR-32 (sedang) and NTR-01 (kode etik, before): the heaviest, above the HD_S6 already served."""
    lines = run("--codes", "NTR-32,NTR-01", "--stage", "before", "--employment", "PPPK", "--prior", "HD_S6")
    assert lines[0] == "level=sedang"
    assert lines[1:3] == ["measure=HD_S12 Pemotongan tunjangan kinerja 25% selama 12 bulan",
                          "measure=HD_S9 Pemotongan tunjangan kinerja 25% selama 9 bulan"]  # fmt: skip
    assert lines[-1] == "rule=ULANG"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--codes", "NTR-99", "--stage", "after", "--employment", "PNS"], "NTR-99"),
        (["--codes", "NTR-04", "--stage", "during", "--employment", "PNS"], "--stage"),
        (["--codes", "NTR-04", "--stage", "after", "--employment", "HONORER"], "--employment"),
        (["--codes", "NTR-04", "--stage", "after", "--employment", "PNS", "--prior", "HD_Z"], "--prior"),
        (["--codes", " , ", "--stage", "after", "--employment", "PNS"], "--codes"),
    ],
)
def test_bad_input_is_a_clear_error_with_status_2(args, message):
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert message in str(raised.value)
    assert raised.value.returncode == 2


def test_exit_status_2_from_the_shell():
    result = subprocess.run(
        [sys.executable, "manage.py", "recommend_sanction", "--codes", "NTR-04", "--stage", "sometime",
         "--employment", "PNS"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--stage" in result.stderr
    assert result.stdout == ""
