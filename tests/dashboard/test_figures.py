"""The dashboard's figures equal a hand-counted fixture (tests/dashboard/figures_world.py), and each figure's
link leads to a list of exactly that many rows."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import figures
from tests.dashboard.figures_world import build
from tests.factories import MembershipFactory


@pytest.fixture
def head(region_a):
    return MembershipFactory(region=region_a, role="head", user__username="bupati").user


@pytest.fixture
def world(region_a, region_b):
    return build(region_a, region_b, today=timezone.localdate())


def context(user, region, **filter_values):
    return figures.Context(user, [region.pk], figures.Filter(**filter_values))


def table(ctx, key):
    return next(t for t in figures.tables(ctx) if t.key == key)


def values(t):
    return [[cell.value for cell in row] for row in t.rows]


def test_apel_attendance_per_unit_worst_first(head, region_a, world):
    t = table(context(head, region_a), "apel")
    assert values(t) == [["Dinas Kesehatan", 2, 1, 1, 0, 0], ["Dinas Pendidikan", 4, 3, 0, 1, 0]]
    assert [row[2].percent for row in t.rows] == [50, 75]
    assert [cell.value for cell in t.footer] == ["Jumlah", 6, 4, 1, 1, 0]
    assert t.footer[2].percent == 67
    assert t.chart["labels"] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert t.chart["datasets"][0]["data"] == [50, 75]  # the chart draws the table's numbers


def test_violations_by_category_state_and_unit(head, region_a, world):
    ctx = context(head, region_a)
    assert dict(values(table(ctx, "kategori"))) == {
        "Pelanggaran kode etik": 1, "Disiplin sedang": 0, "Disiplin berat": 1,
        "PTDH (anggota/pengurus partai)": 0, "Belum dikategorikan": 1,
    }  # fmt: skip
    assert dict(values(table(ctx, "status"))) == {"Diterima": 1, "Klarifikasi": 1, "Dihentikan: tidak terbukti": 1}
    units = table(ctx, "unit-kasus")
    assert values(units) == [["Dinas Pendidikan", 2, 2, 1], ["Dinas Kesehatan", 1, 0, 0]]
    assert [cell.value for cell in units.footer] == ["Jumlah", 3, 2, 1]
    headline = {stat["key"]: stat["value"] for stat in figures.headline(ctx)}
    assert headline == {"asn": 6, "pakta": "33%", "apel": "67%", "cases": 3, "open": 2, "overdue": 1, "sanctions": 1}
    assert [(item.key, item.count) for item in figures.watch_list(ctx)] == [
        ("approval", 1),
        ("pakta", 2),
        ("overdue", 1),
    ]


def test_pakta_signed_against_targeted_worst_first(head, region_a, world):
    t = table(context(head, region_a), "pakta")
    # unit, targeted, invited, opened, signed, not yet (the draft campaign never counts)
    assert values(t) == [["Dinas Kesehatan", 2, 1, 0, 0, 2], ["Dinas Pendidikan", 4, 4, 3, 2, 2]]
    assert [row[4].percent for row in t.rows] == [0, 50]
    assert [cell.value for cell in t.footer] == ["Jumlah", 6, 5, 3, 2, 4]


def test_sanctions_in_force_and_tpp_withheld(head, region_a, world):
    t = table(context(head, region_a), "sanksi")
    assert values(t) == [["Dinas Pendidikan", 1, 450_000]]
    assert [cell.value for cell in t.footer] == ["Jumlah", 1, 450_000]


def test_new_reports_per_week(head, region_a, world):
    t = table(context(head, region_a), "laporan-mingguan")
    assert len(t.rows) == figures.WEEKS_DEFAULT
    counts = [row[1].value for row in t.rows]
    assert counts[-1] == 2 and counts[-3] == 2 and sum(counts) == 4
    assert t.chart["datasets"][0]["data"] == counts


def test_filters_narrow_every_figure(head, region_a, world):
    today = timezone.localdate()
    later = context(head, region_a, date_from=today + dt.timedelta(days=1))
    assert table(later, "apel").rows == []
    assert table(later, "unit-kasus").rows == []
    from pledges.models import Election

    other = Election.objects.exclude(pk=world.cases[0].election_id).first()
    by_other_election = context(head, region_a, election_id=other.pk)
    assert table(by_other_election, "status").rows == []
    assert table(by_other_election, "apel").rows == []


def _count_on(client, url: str) -> int | None:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    if url.startswith(reverse("sanction_list")):
        return None  # the sanctions page: decisions in force and recommendations, not one count per unit
    if url.startswith(reverse("case_list")):
        return int(re.search(r'id="result-count">(\d+) kasus', body).group(1))
    if url.startswith(reverse("report_list")):
        return len(re.findall(r'href="/pelanggaran/laporan/\d+/"', body))
    return int(re.search(r"(\d+) baris", body).group(1))


def test_every_figure_links_to_a_list_of_that_many(client, region_a, world):
    bkd = MembershipFactory(region=region_a, role="bkd", user__username="bkd.dash").user  # holds the lists' caps
    client.force_login(bkd)
    ctx = context(bkd, region_a)
    checked = 0
    for t in figures.tables(ctx):
        for row in [*t.rows, *([t.footer] if t.footer else [])]:
            for cell in row:
                if cell.url and isinstance(cell.value, int):
                    assert _count_on(client, cell.url) in (cell.value, None), (t.key, cell.url)
                    checked += 1
    assert checked > 30


def test_links_need_the_lists_capability(head, region_a, world):
    """The head reads the figures; the case list is theirs too (case.view), the apel people list always."""
    ctx = context(head, region_a)
    assert table(ctx, "unit-kasus").rows[0][1].url.startswith(reverse("case_list"))
    admin = MembershipFactory(region=region_a, role="admin", user__username="admin.dash").user
    admin_ctx = context(admin, region_a)
    assert table(admin_ctx, "unit-kasus").rows[0][1].url == ""  # an admin may not open the case list
    assert table(admin_ctx, "apel").rows[0][1].url.startswith(reverse("dashboard_apel_people"))
