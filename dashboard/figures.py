"""The figures of the region dashboard and the province view, as tables (each with its chart, drawn from the same
numbers) built by a list of section builders.

A builder takes the :class:`Context` (the user, the Pemda shown, the filter) and returns its :class:`Table` s;
adding a section is one function and one line in :data:`SECTIONS`. Every number comes from another app's
selector (one aggregated query each, whatever the size), asked once per page through the context's cached
properties, so the page costs the same handful of queries for 10 ASN or 100,000.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.tenancy import has_capability
from people import selectors as people_selectors
from pledges import selectors as pledge_selectors
from sanctions import selectors as sanction_selectors
from violations import selectors as violation_selectors
from violations import workflow
from violations.models import Category

CAPABILITY = "dashboard.region"
WEEKS_DEFAULT = 12  # the weekly chart's span when the filter gives no dates
WEEKS_MAX = 104
CHART_BARS = 15  # a unit chart shows the first rows of its table (worst first); the table lists them all
PAKTA_THRESHOLD = 80  # a unit below this share of signatures, with its campaign's deadline near, is on the watch list
PAKTA_DUE_DAYS = 7
WATCH_LIMIT = 5  # names shown per watch item (its link lists them all)


@dataclass(frozen=True)
class Filter:
    """What the figures are narrowed to (the filter form's cleaned values)."""

    election_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_query(self) -> dict:
        query = {}
        if self.election_id:
            query["election"] = self.election_id
        if self.date_from:
            query["date_from"] = self.date_from.isoformat()
        if self.date_to:
            query["date_to"] = self.date_to.isoformat()
        return query


@dataclass
class Cell:
    value: object
    url: str = ""
    percent: int | None = None  # shown after the value, e.g. "12 (40%)"; exported as a column of its own


@dataclass
class Table:
    key: str  # the export's name, unique on the page
    title: str
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    footer: list[Cell] | None = None
    chart: dict | None = None  # Chart.js data: {"type", "labels", "datasets": [{"label", "data"}]}
    note: str = ""
    empty: str = ""

    def export_header(self) -> list[str]:
        header = []
        for index, title in enumerate(self.header):
            header.append(title)
            if self._has_percent(index):
                header.append(f"{title} (%)")
        return header

    def export_rows(self):
        for row in [*self.rows, *([self.footer] if self.footer else [])]:
            values = []
            for index, cell in enumerate(row):
                values.append(cell.value)
                if self._has_percent(index):
                    values.append(cell.percent)
            yield values

    def _has_percent(self, index: int) -> bool:
        return any(len(row) > index and row[index].percent is not None for row in self.rows)


@dataclass
class WatchItem:
    key: str
    label: str
    count: int
    url: str = ""
    detail: str = ""


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Context:
    """One page's reading: the user, the Pemda shown (ids the user holds the capability on) and the filter."""

    user: object
    region_ids: list[int]
    filter: Filter = field(default_factory=Filter)
    today: dt.date = field(default_factory=timezone.localdate)
    links: bool = True  # False for the weekly report's PDF (no one clicks a PDF's table)

    def selector_args(self) -> dict:
        return {
            "user": self.user,
            "capability": CAPABILITY,
            "region_ids": self.region_ids,
            "election_id": self.filter.election_id,
        }

    def dated_args(self) -> dict:
        return {**self.selector_args(), "date_from": self.filter.date_from, "date_to": self.filter.date_to}

    @cached_property
    def units(self) -> list[dict]:
        return people_selectors.unit_headcounts(user=self.user, capability=CAPABILITY, region_ids=self.region_ids)

    @cached_property
    def unit_by_id(self) -> dict[int, dict]:
        return {unit["id"]: unit for unit in self.units}

    @cached_property
    def apel(self) -> dict[int, dict]:
        return pledge_selectors.apel_unit_attendance(**self.dated_args())

    @cached_property
    def cases(self) -> dict:
        return violation_selectors.case_figures(**self.dated_args(), today=self.today)

    @cached_property
    def pakta(self) -> dict[int, dict]:
        return pledge_selectors.pakta_unit_progress(**self.selector_args())

    @cached_property
    def sanctions(self) -> dict[int, dict]:
        return sanction_selectors.sanctions_unit_summary(
            user=self.user, capability=CAPABILITY, region_ids=self.region_ids, on=self.today
        )

    @cached_property
    def weeks(self) -> tuple[dt.date, dt.date]:
        """The first Monday and the last day the weekly figures cover."""
        last = self.filter.date_to or self.today
        first = self.filter.date_from or week_start(last) - dt.timedelta(weeks=WEEKS_DEFAULT - 1)
        first = max(first, week_start(last) - dt.timedelta(weeks=WEEKS_MAX - 1))
        return first, last

    @cached_property
    def reports_weekly(self) -> dict[dt.date, int]:
        first, last = self.weeks
        return violation_selectors.reports_per_week(**self.selector_args(), date_from=first, date_to=last)

    @cached_property
    def single_region(self) -> bool:
        return len(self.region_ids) == 1

    def can(self, capability: str) -> bool:
        """Whether the user holds ``capability`` in every region shown (a drill-down link needs it)."""
        cache = self.__dict__.setdefault("_can", {})
        if capability not in cache:
            held = all(has_capability(self.user, rid, capability) for rid in self.region_ids)
            cache[capability] = self.links and held
        return cache[capability]

    # --- links to the lists behind the figures (a page has a thousand: the common part is made once) -----------

    def _link(self, name: str, common: dict, params: dict) -> str:
        bases = self.__dict__.setdefault("_bases", {})
        if name not in bases:
            if self.single_region:
                common = {**common, "region": self.region_ids[0]}
            bases[name] = _url(name, common)
        base, extra = bases[name], _query(params)
        if not extra:
            return base
        return f"{base}{'&' if '?' in base else '?'}{extra}"

    def case_url(self, **params) -> str:
        if not self.can("case.view"):
            return ""
        common = {"opened_from": self.filter.date_from, "opened_to": self.filter.date_to}
        return self._link("case_list", {**common, "election": self.filter.election_id}, params)

    def report_url(self, **params) -> str:
        if not self.can("report.view"):
            return ""
        return self._link("report_list", {"election": self.filter.election_id}, params)

    def apel_url(self, **params) -> str:
        if not self.links:
            return ""
        return self._link("dashboard_apel_people", self.filter.as_query(), params)

    def pakta_url(self, **params) -> str:
        if not self.links:
            return ""
        return self._link("dashboard_pakta_people", self.filter.as_query(), params)

    def sanction_url(self, **params) -> str:
        if not self.can("sanction.view"):
            return ""
        return self._link("sanction_list", {}, params)


def _query(params: dict) -> str:
    clean = {}
    for key, value in params.items():
        if value in (None, "", False):
            continue
        clean[key] = value.isoformat() if isinstance(value, dt.date) else ("on" if value is True else value)
    return urlencode(clean)


@lru_cache(maxsize=32)
def _path(name: str, prefix: str) -> str:
    return reverse(name)


def _url(name: str, query: dict) -> str:
    text = _query(query)
    path = _path(name, get_script_prefix())
    return f"{path}?{text}" if text else path


def _unit_label(ctx: Context, unit: dict) -> str:
    return unit["name"] if ctx.single_region else f"{unit['name']} ({unit['region__name']})"


def _bar_chart(labels, datasets, *, horizontal=False, stacked=False, percent_axis=False) -> dict:
    return {
        "type": "bar",
        "labels": [str(label) for label in labels],
        "datasets": [{"label": str(label), "data": data} for label, data in datasets],
        "horizontal": horizontal,
        "stacked": stacked,
        "percent": percent_axis,
    }


# --- sections ----------------------------------------------------------------------------------------------------


def apel_tables(ctx: Context) -> list[Table]:
    """Apel attendance per work unit (as each person's unit was on the day), lowest rate first."""
    rows = []
    totals = dict.fromkeys(("participants", "present", "excused", "absent", "pending"), 0)
    figures = []
    for unit_id, counts in ctx.apel.items():
        unit = ctx.unit_by_id.get(unit_id)
        if unit is None:  # not one of the units shown (cannot happen within one region's figures)
            continue
        figures.append((unit, counts))
    figures.sort(key=lambda item: (percent(item[1]["present"], item[1]["participants"]), item[0]["name"]))
    for unit, counts in figures:
        for key in totals:
            totals[key] += counts[key]
        rows.append(
            [
                Cell(_unit_label(ctx, unit), ctx.apel_url(unit=unit["id"])),
                Cell(counts["participants"], ctx.apel_url(unit=unit["id"])),
                Cell(
                    counts["present"],
                    ctx.apel_url(unit=unit["id"], figure="present"),
                    percent(counts["present"], counts["participants"]),
                ),
                Cell(counts["excused"], ctx.apel_url(unit=unit["id"], figure="excused")),
                Cell(counts["absent"], ctx.apel_url(unit=unit["id"], figure="absent")),
                Cell(counts["pending"], ctx.apel_url(unit=unit["id"], figure="pending")),
            ]
        )
    footer = [
        Cell(str(_("Jumlah"))),
        Cell(totals["participants"], ctx.apel_url()),
        Cell(totals["present"], ctx.apel_url(figure="present"), percent(totals["present"], totals["participants"])),
        Cell(totals["excused"], ctx.apel_url(figure="excused")),
        Cell(totals["absent"], ctx.apel_url(figure="absent")),
        Cell(totals["pending"], ctx.apel_url(figure="pending")),
    ]
    shown = figures[:CHART_BARS]
    chart = _bar_chart(
        [_unit_label(ctx, unit) for unit, _c in shown],
        [(_("Hadir (%)"), [percent(c["present"], c["participants"]) for _u, c in shown])],
        horizontal=True,
        percent_axis=True,
    )
    return [
        Table(
            key="apel",
            title=str(_("Kehadiran apel per unit kerja")),
            caption=str(_("Peserta dan kehadiran apel yang sudah dilaksanakan, per unit kerja, terendah dahulu")),
            header=[
                str(_("Unit kerja")),
                str(_("Peserta")),
                str(_("Hadir")),
                str(_("Izin/sakit/dinas")),
                str(_("Tanpa keterangan")),
                str(_("Belum dicatat")),
            ],  # fmt: skip
            rows=rows,
            footer=footer if rows else None,
            chart=chart if rows else None,
            note=str(_("Grafik: %(n)s unit dengan persentase hadir terendah.") % {"n": len(shown)})
            if len(figures) > len(shown)
            else "",
            empty=str(_("Belum ada apel yang dilaksanakan pada pilihan ini.")),
        )
    ]


def violation_tables(ctx: Context) -> list[Table]:
    """Cases by catalogue category, by state and by work unit, and reports received per week."""
    figures = ctx.cases
    return [_category_table(ctx, figures), _state_table(ctx, figures), _unit_table(ctx, figures), _weekly_table(ctx)]


def _category_table(ctx: Context, figures: dict) -> Table:
    rows = [
        [Cell(str(label)), Cell(figures["by_category"][code], ctx.case_url(category=code))]
        for code, label in Category.choices
    ]
    rows.append([Cell(str(_("Belum dikategorikan"))), Cell(figures["uncategorised"])])
    has_any = figures["total"] > 0
    return Table(
        key="kategori",
        title=str(_("Pelanggaran per kategori katalog")),
        caption=str(
            _("Jumlah kasus per kategori larangan; kasus dengan larangan dari dua kategori dihitung di keduanya")
        ),
        header=[str(_("Kategori")), str(_("Kasus"))],
        rows=rows if has_any else [],
        chart=_bar_chart([r[0].value for r in rows], [(_("Kasus"), [r[1].value for r in rows])]) if has_any else None,
        empty=str(_("Belum ada kasus pada pilihan ini.")),
    )


def _state_table(ctx: Context, figures: dict) -> Table:
    rows = []
    for state in workflow.states():
        n = figures["by_state"].get(state.code, 0)
        if n:
            rows.append([Cell(str(state.label)), Cell(n, ctx.case_url(state=state.code))])
    footer = [Cell(str(_("Jumlah"))), Cell(figures["total"], ctx.case_url())]
    return Table(
        key="status",
        title=str(_("Kasus per status")),
        caption=str(_("Jumlah kasus per status penanganan")),
        header=[str(_("Status")), str(_("Kasus"))],
        rows=rows,
        footer=footer if rows else None,
        chart=_bar_chart([r[0].value for r in rows], [(_("Kasus"), [r[1].value for r in rows])], horizontal=True)
        if rows
        else None,
        empty=str(_("Belum ada kasus pada pilihan ini.")),
    )


def _unit_table(ctx: Context, figures: dict) -> Table:
    items = [(ctx.unit_by_id.get(uid), counts) for uid, counts in figures["by_unit"].items()]
    items = [(unit, counts) for unit, counts in items if unit is not None]
    items.sort(key=lambda item: (-item[1]["total"], -item[1]["overdue"], item[0]["name"]))
    rows = [
        [
            Cell(_unit_label(ctx, unit), ctx.case_url(work_unit=unit["id"])),
            Cell(counts["total"], ctx.case_url(work_unit=unit["id"])),
            Cell(counts["open"], ctx.case_url(work_unit=unit["id"], state="open")),
            Cell(counts["overdue"], ctx.case_url(work_unit=unit["id"], overdue=True)),
        ]
        for unit, counts in items
    ]
    footer = [
        Cell(str(_("Jumlah"))),
        Cell(figures["total"], ctx.case_url()),
        Cell(figures["open"], ctx.case_url(state="open")),
        Cell(figures["overdue"], ctx.case_url(overdue=True)),
    ]
    shown = items[:CHART_BARS]
    chart = _bar_chart(
        [_unit_label(ctx, unit) for unit, _c in shown],
        [(_("Kasus"), [c["total"] for _u, c in shown]), (_("Lewat tenggat"), [c["overdue"] for _u, c in shown])],
        horizontal=True,
    )
    return Table(
        key="unit-kasus",
        title=str(_("Pelanggaran per unit kerja")),
        caption=str(_("Kasus, kasus berjalan dan kasus lewat tenggat per unit kerja terlapor, terbanyak dahulu")),
        header=[str(_("Unit kerja")), str(_("Kasus")), str(_("Berjalan")), str(_("Lewat tenggat"))],
        rows=rows,
        footer=footer if rows else None,
        chart=chart if rows else None,
        note=str(_("Grafik: %(n)s unit dengan kasus terbanyak.") % {"n": len(shown)})
        if len(items) > len(shown)
        else "",
        empty=str(_("Belum ada kasus pada pilihan ini.")),
    )


def _weekly_table(ctx: Context) -> Table:
    first, last = ctx.weeks
    counts = ctx.reports_weekly
    rows = []
    monday = week_start(first)
    while monday <= last:
        sunday = monday + dt.timedelta(days=6)
        start, end = max(monday, first), min(sunday, last)
        label = date_format(monday, "j M Y")
        n = counts.get(monday, 0)
        rows.append([Cell(label), Cell(n, ctx.report_url(received_from=start, received_to=end))])
        monday += dt.timedelta(weeks=1)
    total = sum(r[1].value for r in rows)
    return Table(
        key="laporan-mingguan",
        title=str(_("Laporan baru per minggu")),
        caption=str(_("Jumlah laporan pelanggaran yang diterima per minggu (Senin sampai Minggu)")),
        header=[str(_("Minggu mulai")), str(_("Laporan"))],
        rows=rows,
        footer=[Cell(str(_("Jumlah"))), Cell(total, ctx.report_url(received_from=first, received_to=last))],
        chart={**_bar_chart([r[0].value for r in rows], [(_("Laporan"), [r[1].value for r in rows])]), "type": "line"},
        note=str(_("Dari %(first)s sampai %(last)s.") % {"first": date_format(first), "last": date_format(last)}),
    )


def pakta_tables(ctx: Context) -> list[Table]:
    """Pakta integritas signed against targeted per work unit, lowest share first (over the launched campaigns)."""
    items = [(ctx.unit_by_id.get(uid), counts) for uid, counts in ctx.pakta.items()]
    items = [(unit, counts) for unit, counts in items if unit is not None]
    items.sort(
        key=lambda item: (percent(item[1]["signed"], item[1]["targeted"]), -item[1]["targeted"], item[0]["name"])
    )
    totals = dict.fromkeys(("targeted", "invited", "opened", "signed"), 0)
    rows = []
    for unit, counts in items:
        for key in totals:
            totals[key] += counts[key]
        uid = unit["id"]
        rows.append(
            [
                Cell(_unit_label(ctx, unit), ctx.pakta_url(unit=uid)),
                Cell(counts["targeted"], ctx.pakta_url(unit=uid)),
                Cell(counts["invited"], ctx.pakta_url(unit=uid, figure="invited")),
                Cell(counts["opened"], ctx.pakta_url(unit=uid, figure="opened")),
                Cell(
                    counts["signed"],
                    ctx.pakta_url(unit=uid, figure="signed"),
                    percent(counts["signed"], counts["targeted"]),
                ),
                Cell(counts["targeted"] - counts["signed"], ctx.pakta_url(unit=uid, figure="unsigned")),
            ]
        )
    footer = [
        Cell(str(_("Jumlah"))),
        Cell(totals["targeted"], ctx.pakta_url()),
        Cell(totals["invited"], ctx.pakta_url(figure="invited")),
        Cell(totals["opened"], ctx.pakta_url(figure="opened")),
        Cell(totals["signed"], ctx.pakta_url(figure="signed"), percent(totals["signed"], totals["targeted"])),
        Cell(totals["targeted"] - totals["signed"], ctx.pakta_url(figure="unsigned")),
    ]
    shown = items[:CHART_BARS]
    chart = _bar_chart(
        [_unit_label(ctx, unit) for unit, _c in shown],
        [(_("Ditandatangani (%)"), [percent(c["signed"], c["targeted"]) for _u, c in shown])],
        horizontal=True,
        percent_axis=True,
    )
    return [
        Table(
            key="pakta",
            title=str(_("Pakta integritas per unit kerja")),
            caption=str(
                _("ASN sasaran, diundang, membuka tautan dan menandatangani pakta per unit kerja, terendah dahulu")
            ),
            header=[
                str(_("Unit kerja")),
                str(_("Sasaran")),
                str(_("Diundang")),
                str(_("Dibuka")),
                str(_("Ditandatangani")),
                str(_("Belum")),
            ],  # fmt: skip
            rows=rows,
            footer=footer if rows else None,
            chart=chart if rows else None,
            note=str(_("Grafik: %(n)s unit dengan persentase tanda tangan terendah.") % {"n": len(shown)})
            if len(items) > len(shown)
            else "",
            empty=str(_("Belum ada kampanye pakta integritas yang diluncurkan pada pilihan ini.")),
        )
    ]


def sanction_tables(ctx: Context) -> list[Table]:
    """Sanctions in force today and the tunjangan kinerja (TPP) withheld this month, per work unit."""
    items = [(ctx.unit_by_id.get(uid), counts) for uid, counts in ctx.sanctions.items()]
    items = [(unit, counts) for unit, counts in items if unit is not None]
    items.sort(key=lambda item: (-item[1]["in_force"], -item[1]["withheld_rupiah"], item[0]["name"]))
    rows = [
        [Cell(_unit_label(ctx, unit)), Cell(c["in_force"], ctx.sanction_url()), Cell(c["withheld_rupiah"])]
        for unit, c in items
    ]
    total_in_force = sum(c["in_force"] for _u, c in items)
    total_withheld = sum(c["withheld_rupiah"] for _u, c in items)
    footer = [Cell(str(_("Jumlah"))), Cell(total_in_force, ctx.sanction_url()), Cell(total_withheld)]
    shown = items[:CHART_BARS]
    chart = _bar_chart(
        [_unit_label(ctx, unit) for unit, _c in shown],
        [(_("Sanksi berlaku"), [c["in_force"] for _u, c in shown])],
        horizontal=True,
    )
    return [
        Table(
            key="sanksi",
            title=str(_("Sanksi berlaku dan TPP ditahan per unit kerja")),
            caption=str(
                _("Keputusan sanksi yang berlaku hari ini dan TPP yang dipotong bulan ini (Rp), per unit kerja")
            ),
            header=[str(_("Unit kerja")), str(_("Sanksi berlaku")), str(_("TPP ditahan bulan ini (Rp)"))],
            rows=rows,
            footer=footer if rows else None,
            chart=chart if rows else None,
            note=str(_("Sanksi berlaku pada %(day)s.") % {"day": date_format(ctx.today)}),
            empty=str(_("Tidak ada sanksi yang berlaku hari ini.")),
        )
    ]


# The page's sections, in order: adding one is a function and a line here.
SECTIONS = [pakta_tables, apel_tables, violation_tables, sanction_tables]


def tables(ctx: Context) -> list[Table]:
    return [table for section in SECTIONS for table in section(ctx)]


# --- the figures at a glance ---------------------------------------------------------------------------------------


def headline(ctx: Context) -> list[dict]:
    """The few numbers at the top of the page, each with its list."""
    apel_total = sum(c["participants"] for c in ctx.apel.values())
    apel_present = sum(c["present"] for c in ctx.apel.values())
    cases = ctx.cases
    targeted = sum(c["targeted"] for c in ctx.pakta.values())
    signed = sum(c["signed"] for c in ctx.pakta.values())
    return [
        {"key": "asn", "label": _("ASN aktif"), "value": sum(u["asn"] for u in ctx.units), "url": ""},
        {
            "key": "pakta",
            "label": _("Pakta ditandatangani"),
            "value": f"{percent(signed, targeted)}%",
            "url": ctx.pakta_url(figure="signed"),
        },
        {
            "key": "apel",
            "label": _("Hadir apel"),
            "value": f"{percent(apel_present, apel_total)}%",
            "url": ctx.apel_url(figure="present"),
        },
        {"key": "cases", "label": _("Kasus"), "value": cases["total"], "url": ctx.case_url()},
        {"key": "open", "label": _("Kasus berjalan"), "value": cases["open"], "url": ctx.case_url(state="open")},
        {"key": "overdue", "label": _("Lewat tenggat"), "value": cases["overdue"], "url": ctx.case_url(overdue=True)},
        {
            "key": "sanctions",
            "label": _("Sanksi berlaku"),
            "value": sum(c["in_force"] for c in ctx.sanctions.values()),
            "url": ctx.sanction_url(),
        },
    ]


# --- the watch list: what needs the head's action now --------------------------------------------------------------


def overdue_watch(ctx: Context) -> list[WatchItem]:
    n = ctx.cases["overdue"]
    if not n:
        return []
    return [
        WatchItem(
            "overdue",
            str(_("Kasus melewati tenggat tahapnya")),
            n,
            ctx.case_url(overdue=True),
            str(_("Minta BKD menuntaskan tahap yang tertunda.")),
        )
    ]


def _names(rows) -> str:
    names = [str(row) for row in rows[:WATCH_LIMIT]]
    return ", ".join(names) + (" …" if len(rows) > WATCH_LIMIT else "")


def approval_watch(ctx: Context) -> list[WatchItem]:
    """Recommendations waiting for the head's decision (the head approves them only in their own region)."""
    waiting = sanction_selectors.awaiting_approval(user=ctx.user, capability=CAPABILITY, region_ids=ctx.region_ids)
    rows = list(waiting[: WATCH_LIMIT + 1])
    if not rows:
        return []
    count = waiting.count() if len(rows) > WATCH_LIMIT else len(rows)
    names = _names([f"{r.case.reference or r.case_id} ({r.case.employee.name})" for r in rows])
    return [WatchItem("approval", str(_("Rekomendasi sanksi menunggu keputusan")), count,
                      ctx.sanction_url(status="pending"), names)]  # fmt: skip


def followup_watch(ctx: Context) -> list[WatchItem]:
    """Proven cases whose decision is late (BKN may block the personnel data of a Pemda that does not follow up)."""
    late = sanction_selectors.followup_late(user=ctx.user, capability=CAPABILITY, region_ids=ctx.region_ids)
    rows = list(late[: WATCH_LIMIT + 1])
    if not rows:
        return []
    count = late.count() if len(rows) > WATCH_LIMIT else len(rows)
    detail = str(_("Tindak lanjut terlambat: BKN dapat memblokir data kepegawaian. %(names)s")) % {
        "names": _names([f"{c.reference or c.pk} ({c.employee.name})" for c in rows])
    }
    return [WatchItem("followup", str(_("Kasus terbukti yang keputusannya terlambat")), count, ctx.sanction_url(),
                      detail)]  # fmt: skip


def pakta_due_watch(ctx: Context) -> list[WatchItem]:
    """Work units below the signature threshold of a campaign whose deadline is near."""
    due = pledge_selectors.pakta_units_due(
        user=ctx.user, capability=CAPABILITY, region_ids=ctx.region_ids, within_days=PAKTA_DUE_DAYS
    )
    lagging = [r for r in due if percent(r["signed"], r["targeted"]) < PAKTA_THRESHOLD]
    if not lagging:
        return []
    names = []
    for row in lagging:
        unit = ctx.unit_by_id.get(row["work_unit_id"])
        names.append(f"{unit['name'] if unit else row['work_unit_id']} ({percent(row['signed'], row['targeted'])}%)")
    deadline = min(r["campaign__deadline"] for r in lagging)
    detail = str(_("Batas waktu %(deadline)s: %(units)s")) % {
        "deadline": date_format(timezone.localtime(deadline), "j F Y H:i"),
        "units": _names(names),
    }
    label = str(_("Unit kerja di bawah %(threshold)s%% tanda tangan pakta, batas waktu dekat")) % {
        "threshold": PAKTA_THRESHOLD
    }
    return [WatchItem("pakta", label, len(lagging), ctx.pakta_url(figure="unsigned"), detail)]


# Builders of the watch list, in order: what the head decides first.
WATCH = [approval_watch, followup_watch, pakta_due_watch, overdue_watch]


def watch_list(ctx: Context) -> list[WatchItem]:
    return [item for builder in WATCH for item in builder(ctx)]


# --- the province view ---------------------------------------------------------------------------------------------


def province_table(ctx: Context, regions) -> Table:
    """The same figures per kabupaten/kota (and the province itself), each row leading to its region dashboard."""
    per_region = {r.pk: {"asn": 0, "participants": 0, "present": 0, "targeted": 0, "signed": 0, "in_force": 0}
                  for r in regions}  # fmt: skip
    for source, keys in ((ctx.pakta, ("targeted", "signed")), (ctx.sanctions, ("in_force",))):
        for unit_id, counts in source.items():
            unit = ctx.unit_by_id.get(unit_id)
            if unit is not None and unit["region_id"] in per_region:
                for key in keys:
                    per_region[unit["region_id"]][key] += counts[key]
    for unit in ctx.units:
        if unit["region_id"] in per_region:
            per_region[unit["region_id"]]["asn"] += unit["asn"]
    for unit_id, counts in ctx.apel.items():
        unit = ctx.unit_by_id.get(unit_id)
        if unit is not None and unit["region_id"] in per_region:
            per_region[unit["region_id"]]["participants"] += counts["participants"]
            per_region[unit["region_id"]]["present"] += counts["present"]
    cases = ctx.cases["by_region"]
    rows = []
    empty = {"total": 0, "open": 0, "overdue": 0}
    for region in regions:
        figures, case = per_region[region.pk], cases.get(region.pk, empty)
        query = {**ctx.filter.as_query(), "region": region.pk}
        one = Context(ctx.user, [region.pk], ctx.filter, ctx.today, ctx.links)
        rows.append(
            [
                Cell(region.name, _url("dashboard_region", query)),
                Cell(figures["asn"]),
                Cell(
                    figures["signed"], one.pakta_url(figure="signed"), percent(figures["signed"], figures["targeted"])
                ),
                Cell(figures["participants"], one.apel_url()),
                Cell(
                    figures["present"],
                    one.apel_url(figure="present"),
                    percent(figures["present"], figures["participants"]),
                ),
                Cell(case["total"], one.case_url()),
                Cell(case["open"], one.case_url(state="open")),
                Cell(case["overdue"], one.case_url(overdue=True)),
                Cell(figures["in_force"], one.sanction_url()),
            ]
        )
    chart = _bar_chart(
        [r[0].value for r in rows],
        [
            (_("Pakta ditandatangani (%)"), [r[2].percent for r in rows]),
            (_("Hadir apel (%)"), [r[4].percent for r in rows]),
        ],
        horizontal=True,
        percent_axis=True,
    )
    return Table(
        key="provinsi",
        title=str(_("Per kabupaten/kota")),
        caption=str(_("ASN, kehadiran apel dan kasus pelanggaran per Pemda")),
        header=[
            str(_("Pemda")),
            str(_("ASN aktif")),
            str(_("Peserta apel")),
            str(_("Hadir apel")),
            str(_("Kasus")),
            str(_("Berjalan")),
            str(_("Lewat tenggat")),
        ],  # fmt: skip
        rows=rows,
        chart=chart if rows else None,
        empty=str(_("Tidak ada Pemda.")),
    )
