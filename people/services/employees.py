"""Writes to an employee (ASN) record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Employee, WorkUnit
from people.nip import parse_nip
from people.ranks import normalize_rank, rank_error

# What staff may change by hand; the NIP, birth date and gender come from the NIP and never change here.
EDITABLE_FIELDS = (
    "name",
    "front_title",
    "back_title",
    "employment_type",
    "rank",
    "position",
    "position_kind",
    "work_unit",
    "email",
    "phone",
    "tukin_monthly",
    "is_active",
)


def _audit_value(employee: Employee, field: str):
    if field == "work_unit":
        unit = employee.work_unit
        return {"id": unit.pk, "name": unit.name} if unit is not None else None
    return getattr(employee, field)


def _check(employee: Employee, work_unit: WorkUnit | None, type_changed: bool) -> None:
    errors = {}
    if work_unit is not None and work_unit.region_id != employee.region_id:
        errors["work_unit"] = _("Unit kerja harus berada di Pemda pegawai ini.")
    message = rank_error(employee.rank, employee.employment_type)
    if message:
        errors["rank"] = message
    try:
        if type_changed:  # an old record is not blocked by a NIP quirk the import accepted
            parse_nip(employee.nip, employee.employment_type)
    except ValidationError as exc:
        errors["employment_type"] = _("NIP %(nip)s tidak sesuai dengan jenis kepegawaian %(type)s: %(reason)s") % {
            "nip": employee.nip,
            "type": employee.employment_type,
            "reason": " ".join(exc.messages),
        }
    if errors:
        raise ValidationError(errors)


def employee_update(*, employee: Employee, data: dict, by, request=None) -> Employee:
    """Apply the changed editable fields, validate, save and audit before/after of what changed.

    Raises ValidationError (field → message) and leaves the row untouched on bad input.
    """
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "rank" in data:
        data = {**data, "rank": normalize_rank(data["rank"])}
    before, after = {}, {}
    for field, value in data.items():
        current = employee.work_unit_id if field == "work_unit" else getattr(employee, field)
        new = value.pk if field == "work_unit" and value is not None else value
        if current != new:
            before[field] = _audit_value(employee, field)
            setattr(employee, field, value)
            after[field] = _audit_value(employee, field)
    if not after:
        return employee
    _check(employee, data.get("work_unit"), type_changed="employment_type" in after)
    employee.full_clean(exclude=["nip"], validate_unique=False)
    with transaction.atomic():
        employee.save(update_fields=[*after, "updated_at"])
        employee.log_action("netralitas.employee.updated", user=by, before=before, after=after, request=request)
    return employee
