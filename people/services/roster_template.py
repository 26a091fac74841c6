"""The roster template BKD staff download, fill in Excel and upload again.

The workbook is made so that what Excel does by itself does not spoil the upload: the NIP and phone
columns are text (Excel would otherwise turn an 18-digit NIP into 1.99E+17 and drop a phone number's
leading zero), the employment type and position kind offer drop-down lists, and a second sheet lists
the work units already registered, with their codes, so that names are written the same way.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.exports import safe_cell, xlsx_add_sheet, xlsx_save, xlsx_workbook

from .roster_parse import REQUIRED_FIELDS, field_label

COLUMNS = (
    # field, width, text format
    ("nip", 22, True),
    ("name", 30, False),
    ("front_title", 12, False),
    ("back_title", 14, False),
    ("employment_type", 18, False),
    ("rank", 11, False),
    ("position", 30, False),
    ("position_kind", 16, False),
    ("work_unit", 34, False),
    ("work_unit_code", 12, False),
    ("email", 28, False),
    ("phone", 16, True),
    ("tukin", 18, False),
)
TEMPLATE_ROWS = 2000  # rows prepared with text format and drop-down lists
EMPLOYMENT_TYPE_CHOICES = ("PNS", "CPNS", "PPPK")
POSITION_KIND_CHOICES = ("JPT Pratama", "Administrator", "Pengawas", "Fungsional", "Pelaksana")
HEADER_FILL = PatternFill("solid", start_color="0B4F6C")


def _list_validation(choices, column: str, prompt: str) -> DataValidation:
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    validation.error = _("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(choices)}
    validation.prompt = prompt
    validation.add(f"{column}3:{column}{TEMPLATE_ROWS + 2}")
    return validation


def roster_template_xlsx(*, units) -> bytes:
    """The template as XLSX bytes; ``units`` (a WorkUnit queryset the user may see) fills the unit sheet.

    Unit and region names are typed by users: they are written through core.exports (safe_cell), like
    every cell of every export, so that a name such as ``=HYPERLINK(…)`` stays text.
    """
    workbook = xlsx_workbook()
    labels = [field_label(name) + (" *" if name in REQUIRED_FIELDS else "") for name, _w, _t in COLUMNS]
    sheet = xlsx_add_sheet(workbook, "Roster", labels, [], header_row=2, widths=[w for _n, w, _t in COLUMNS])
    sheet["A1"] = safe_cell(
        _("Roster ASN — isi mulai baris 3; kolom bertanda * wajib diisi. Dibuat %(date)s.")
        % {"date": timezone.localdate().strftime("%d-%m-%Y")}
    )
    sheet["A1"].font = Font(italic=True, color="555555")
    for cell in sheet[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for index, (_name, _width, as_text) in enumerate(COLUMNS, 1):
        if as_text:
            for row in range(3, TEMPLATE_ROWS + 3):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "B3"
    column_of = {name: get_column_letter(i) for i, (name, _w, _t) in enumerate(COLUMNS, 1)}
    sheet.add_data_validation(
        _list_validation(EMPLOYMENT_TYPE_CHOICES, column_of["employment_type"], _("PNS, CPNS atau PPPK"))
    )
    sheet.add_data_validation(
        _list_validation(POSITION_KIND_CHOICES, column_of["position_kind"], _("Jenis jabatan (boleh kosong)"))
    )
    xlsx_add_sheet(
        workbook,
        _("Unit kerja"),
        [_("Pemda"), field_label("work_unit_code"), field_label("work_unit")],
        units.order_by("region__name", "name").values_list("region__name", "code", "name"),
        widths=(34, 14, 50),
    )
    return xlsx_save(workbook)
