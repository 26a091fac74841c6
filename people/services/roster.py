"""Roster import, the work: validate a whole file against the region's data, then upsert it by NIP.

    roster_plan(region=…, data=…, filename=…)   parse, validate, compare with the database — reads only,
                                                a bounded number of queries whatever the size
    roster_apply(plan=…)                        bulk writes in batches, inside the caller's transaction

The life of one uploaded file (check, run, progress, lost tasks) is in :mod:`.roster_imports`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee, Region, WorkUnit
from people.nip import parse_nip

from . import roster_parse as rp

BATCH_SIZE = 2000
LOOKUP_CHUNK = 5000
PROGRESS_EVERY = 2000
# Compared and written on update; a blank cell (or a missing column) keeps the stored value.
EMPLOYEE_FIELDS = (
    "name",
    "front_title",
    "back_title",
    "employment_type",
    "rank",
    "position",
    "position_kind",
    "work_unit_id",
    "email",
    "phone",
    "tukin_monthly",
    "birth_date",
    "gender",
)
UNIT_KINDS = (
    ("sekretariat", WorkUnit.Kind.SEKRETARIAT),
    ("dinas", WorkUnit.Kind.DINAS),
    ("badan", WorkUnit.Kind.BADAN),
    ("inspektorat", WorkUnit.Kind.INSPEKTORAT),
    ("kecamatan", WorkUnit.Kind.KECAMATAN),
    ("kelurahan", WorkUnit.Kind.KELURAHAN),
    ("sd ", WorkUnit.Kind.SEKOLAH),
    ("smp ", WorkUnit.Kind.SEKOLAH),
    ("sma ", WorkUnit.Kind.SEKOLAH),
    ("sekolah", WorkUnit.Kind.SEKOLAH),
    ("puskesmas", WorkUnit.Kind.PUSKESMAS),
    ("rsud", WorkUnit.Kind.PUSKESMAS),
)

Progress = Callable[[str, int, int], None]


def _no_progress(phase: str, processed: int, total: int) -> None:
    return None


@dataclass
class RosterPlan:
    """What importing a file would do; ``errors`` non-empty means it must not be applied."""

    total_rows: int = 0
    errors: list[dict] = field(default_factory=list)
    to_create: list[Employee] = field(default_factory=list)
    to_update: list[Employee] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    unchanged: int = 0
    new_units: dict[str, WorkUnit] = field(default_factory=dict)
    unit_links: list[tuple[Employee, WorkUnit]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Not refusals: facts staff should check (a NIP whose TMT is just before the 18th birthday).
    warnings: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "warnings": self.warnings[:MAX_WARNINGS_KEPT],
            "warnings_total": len(self.warnings),
            "total_rows": self.total_rows,
            "created": len(self.to_create),
            "updated": len(self.to_update),
            "unchanged": self.unchanged,
            "units_created": sorted(unit.name for unit in self.new_units.values()),
            "ignored_columns": self.ignored_columns,
        }


# --- rows -> clean values --------------------------------------------------------------------------


MAX_WARNINGS_KEPT = 500


def _clean_row(row_no: int, cells: dict, labels: dict, errors: list, warnings: list | None = None) -> dict | None:
    """Clean one row; append {row, column, message} for each bad cell and return None if any; warnings
    (facts to check, not refusals) go to ``warnings``."""
    clean: dict = {}
    bad = False

    def fail(name: str, message) -> None:
        nonlocal bad
        bad = True
        errors.append({"row": row_no, "column": labels.get(name, rp.field_label(name)), "message": str(message)})

    try:
        clean["employment_type"] = rp.clean_employment_type(cells.get("employment_type"))
    except rp.CellError as exc:
        fail("employment_type", exc)
        clean["employment_type"] = None
    for name in ("name", "front_title", "back_title", "position", "work_unit", "work_unit_code"):
        text = rp.cell_text(cells.get(name))
        if len(text) > rp.MAX_LENGTHS[name]:
            fail(
                name,
                _("Terlalu panjang (%(count)s karakter, maksimal %(max)s).")
                % {"count": len(text), "max": rp.MAX_LENGTHS[name]},
            )
        clean[name] = text
    if not clean["name"]:
        fail("name", _("Nama wajib diisi."))
    if not clean["work_unit"] and not clean["work_unit_code"]:
        fail("work_unit", _("Unit kerja wajib diisi (nama atau kode unit)."))
    try:
        info = parse_nip(rp.clean_nip_text(cells.get("nip")), clean["employment_type"])
        clean.update(nip=info.nip, birth_date=info.birth_date, gender=info.gender)
        if warnings is not None:
            column = labels.get("nip", rp.field_label("nip"))
            warnings.extend({"row": row_no, "column": column, "message": str(text)} for text in info.warnings)
    except rp.CellError as exc:
        fail("nip", exc)
    except ValidationError as exc:
        fail("nip", "; ".join(exc.messages))
    for name, cleaner in (
        ("position_kind", rp.clean_position_kind),
        ("email", rp.clean_email),
        ("phone", rp.clean_phone),
        ("tukin", rp.clean_tukin),
    ):
        value = cells.get(name)
        if rp.cell_text(value) == "":
            clean[name] = None
            continue
        try:
            clean[name] = cleaner(value)
        except rp.CellError as exc:
            fail(name, exc)
    if rp.cell_text(cells.get("rank")):
        try:
            clean["rank"] = rp.clean_rank(cells.get("rank"), clean["employment_type"])
        except rp.CellError as exc:
            fail("rank", exc)
    return None if bad else clean


def _unit_kind(name: str) -> str:
    lowered = name.lower() + " "
    return next((kind for prefix, kind in UNIT_KINDS if lowered.startswith(prefix)), WorkUnit.Kind.LAINNYA)


class _UnitResolver:
    """Finds a row's work unit by code, then by name (case-insensitive); plans new ones."""

    def __init__(self, region: Region, plan: RosterPlan, labels: dict):
        self.region, self.plan, self.labels = region, plan, labels
        self.by_code, self.by_name = {}, {}
        for unit_id, code, name in WorkUnit.objects.filter(region=region).values_list("id", "code", "name"):
            if code:
                self.by_code[code.upper()] = unit_id
            self.by_name[name.upper()] = unit_id

    def resolve(self, row_no: int, name: str, code: str):
        """An existing unit id, an unsaved WorkUnit to be created, or None (error recorded)."""
        if code and code.upper() in self.by_code:
            return self.by_code[code.upper()]
        if name and name.upper() in self.by_name:
            return self.by_name[name.upper()]
        if not name:
            self.plan.errors.append(
                {
                    "row": row_no,
                    "column": self.labels.get("work_unit_code", ""),
                    "message": _("Kode unit “%(code)s” belum terdaftar; isi juga nama unit kerjanya agar unit dibuat.")
                    % {"code": code},
                }
            )
            return None
        unit = self.plan.new_units.get(name.upper())
        if unit is None:
            unit = WorkUnit(region=self.region, name=name, code=code, kind=_unit_kind(name))
            self.plan.new_units[name.upper()] = unit
            if code:
                self.by_code[code.upper()] = unit
        elif code and not unit.code:
            unit.code = code
            self.by_code[code.upper()] = unit
        elif code and unit.code.upper() != code.upper():
            self.plan.errors.append(
                {
                    "row": row_no,
                    "column": self.labels.get("work_unit_code", ""),
                    "message": _("Unit kerja baru “%(name)s” diberi dua kode berbeda: %(first)s dan %(second)s.")
                    % {"name": name, "first": unit.code, "second": code},
                }
            )
        return unit


def _existing_employees(nips: list[str]) -> dict[str, dict]:
    """{nip: stored values} for the NIPs already registered anywhere, fetched in chunks."""
    found = {}
    for start in range(0, len(nips), LOOKUP_CHUNK):
        chunk = nips[start : start + LOOKUP_CHUNK]
        rows = Employee.objects.filter(nip__in=chunk).order_by().values("id", "nip", "region_id", *EMPLOYEE_FIELDS)
        found.update((row["nip"], row) for row in rows)
    return found


def _values_for(clean: dict) -> dict:
    return {
        "name": clean["name"],
        "front_title": clean["front_title"],
        "back_title": clean["back_title"],
        "employment_type": clean["employment_type"],
        "rank": clean.get("rank") or "",
        "position": clean["position"],
        "position_kind": clean["position_kind"] or "",
        "email": clean["email"] or "",
        "phone": clean["phone"] or "",
        "tukin_monthly": clean["tukin"],
        "birth_date": clean["birth_date"],
        "gender": clean["gender"],
    }


def _plan_row(plan: RosterPlan, region: Region, clean: dict, unit, stored: dict | None) -> None:
    values = _values_for(clean)
    if stored is None:
        employee = Employee(region_id=region.pk, nip=clean["nip"], **values)
        plan.to_create.append(employee)
        if isinstance(unit, WorkUnit):
            plan.unit_links.append((employee, unit))
        else:
            employee.work_unit_id = unit
        return
    merged = {"work_unit_id": stored["work_unit_id"] if isinstance(unit, WorkUnit) else unit}
    for name, value in values.items():
        merged[name] = stored[name] if value in ("", None) else value  # a blank cell keeps what is stored
    changed = {name for name, value in merged.items() if value != stored[name]}
    if isinstance(unit, WorkUnit):
        changed.add("work_unit_id")
    if not changed:
        plan.unchanged += 1
        return
    employee = Employee(id=stored["id"], region_id=region.pk, nip=clean["nip"], **merged)
    plan.to_update.append(employee)
    plan.update_fields |= changed
    if isinstance(unit, WorkUnit):
        plan.unit_links.append((employee, unit))


def roster_plan(*, region: Region, data: bytes, filename: str, progress: Progress = _no_progress) -> RosterPlan:
    """Parse and validate a roster file against the region's data; write nothing."""
    plan = RosterPlan()
    try:
        table = rp.read_roster(data, filename)
    except rp.RosterFileError as exc:
        plan.errors.append(exc.as_error())
        return plan
    plan.total_rows, plan.ignored_columns = len(table.rows), table.ignored_columns
    cleaned, first_row_of = [], {}
    for done, (row_no, cells) in enumerate(table.rows, 1):
        clean = _clean_row(row_no, cells, table.labels, plan.errors, plan.warnings)
        if clean is not None:
            if clean["nip"] in first_row_of:
                plan.errors.append(
                    {
                        "row": row_no,
                        "column": table.labels["nip"],
                        "message": _("NIP %(nip)s muncul lebih dari sekali dalam berkas (juga di baris %(other)s).")
                        % {"nip": clean["nip"], "other": first_row_of[clean["nip"]]},
                    }
                )
            else:
                first_row_of[clean["nip"]] = row_no
                cleaned.append((row_no, clean))
        if done % PROGRESS_EVERY == 0:
            progress("validate", done, plan.total_rows)
    stored = _existing_employees([clean["nip"] for _row, clean in cleaned])
    units = _UnitResolver(region, plan, table.labels)
    for row_no, clean in cleaned:
        record = stored.get(clean["nip"])
        if record is not None and record["region_id"] != region.pk:
            plan.errors.append(
                {
                    "row": row_no,
                    "column": table.labels["nip"],
                    "message": _("NIP %(nip)s sudah terdaftar di Pemda lain; Pemda asal harus melepasnya lebih dulu.")
                    % {"nip": clean["nip"]},
                }
            )
            continue
        unit = units.resolve(row_no, clean["work_unit"], clean["work_unit_code"])
        if unit is not None:
            _plan_row(plan, region, clean, unit, record)
    progress("validate", plan.total_rows, plan.total_rows)
    plan.errors.sort(key=lambda e: e["row"] or 0)
    return plan


def roster_apply(*, plan: RosterPlan, progress: Progress = _no_progress) -> dict:
    """Write a clean plan in batches. Call inside a transaction: the caller owns all-or-nothing."""
    if plan.errors:
        raise ValueError("a roster plan with errors cannot be applied")
    WorkUnit.objects.bulk_create(list(plan.new_units.values()), batch_size=BATCH_SIZE)
    for employee, unit in plan.unit_links:
        employee.work_unit_id = unit.pk
    total, done = len(plan.to_create) + len(plan.to_update), 0
    for start in range(0, len(plan.to_create), BATCH_SIZE):
        batch = plan.to_create[start : start + BATCH_SIZE]
        Employee.objects.bulk_create(batch)
        done += len(batch)
        progress("write", done, total)
    now, fields = timezone.now(), sorted(plan.update_fields | {"updated_at"})
    for start in range(0, len(plan.to_update), BATCH_SIZE // 4):
        batch = plan.to_update[start : start + BATCH_SIZE // 4]
        for employee in batch:
            employee.updated_at = now
        Employee.objects.bulk_update(batch, fields)
        done += len(batch)
        progress("write", done, total)
    return plan.summary()
