"""Forms of the violations pages. Uploaded files are judged by content here (violations/files.py)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Region, User
from people.nip import normalize_nip
from pledges.models import Election

from . import workflow
from .files import check_upload
from .models import CatalogueProposal, Category, Hearing, ProhibitedActivity, Report, Source, Stage
from .selectors import catalogue_current, public_regions

MAX_FILES = 10
MAX_LINKS = 10
MAX_NIPS = 30
TEXT_MAX = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several files, each checked by its content and size; cleans to a list of CheckedFile."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = MAX_FILES, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(_("Paling banyak %(n)s berkas sekaligus.") % {"n": self.max_files})
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class LinksField(forms.CharField):
    """Links to posts (one per line): checked as http(s) URLs, never fetched."""

    widget = forms.Textarea(attrs={"rows": 2, "placeholder": "https://www.facebook.com/…"})

    def clean(self, value):
        value = super().clean(value)
        links = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Paling banyak %(n)s tautan.") % {"n": MAX_LINKS})
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                if len(link) > 500:
                    raise ValidationError("too long")
                check(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” bukan tautan yang sah (mulai dengan https://).") % {"link": link[:80]}
                ) from None
        return links


def _past_date(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
    if value and value < dt.date(2000, 1, 1):
        raise ValidationError(_("Periksa tanggal kejadian."))
    return value


def _election_field():
    return forms.ModelChoiceField(
        label=_("Pemilihan yang bersangkutan"),
        queryset=Election.objects.filter(is_active=True).order_by("-voting_day"),
        required=False,
        help_text=_("Pemilu dan Pilkada 2024 bertumpang tindih: tanggal saja tidak menentukan penetapan calon mana."),
    )


def _activities_field():
    return forms.ModelMultipleChoiceField(
        label=_("Larangan yang dilanggar"),
        queryset=catalogue_current(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class _FactsForm(forms.Form):
    election = _election_field()
    incident_date = forms.DateField(label=_("Tanggal kejadian"), widget=forms.DateInput(attrs={"type": "date"}))
    incident_place = forms.CharField(label=_("Tempat kejadian"), max_length=300, required=False)
    chronology = forms.CharField(
        label=_("Kronologi"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Apa yang terjadi, kapan, di mana, siapa yang terlibat."),
    )
    links = LinksField(label=_("Tautan unggahan media sosial"), required=False, help_text=_("Satu tautan per baris."))
    files = EvidenceFilesField(
        label=_("Bukti (foto, tangkapan layar, PDF)"),
        help_text=_("JPG, PNG, WebP, GIF atau PDF; paling besar 10 MB per berkas."),
    )

    def clean_incident_date(self):
        return _past_date(self.cleaned_data.get("incident_date"))


class StaffReportForm(_FactsForm):
    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())
    source = forms.ChoiceField(label=_("Sumber laporan"), choices=Source.choices)
    channel = forms.ChoiceField(label=_("Diterima lewat"), choices=Report.Channel.choices, initial="letter")
    source_reference = forms.CharField(label=_("Nomor surat/rujukan"), max_length=120, required=False)
    anonymous = forms.BooleanField(label=_("Pelapor anonim"), required=False)
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=150, required=False)
    reporter_organisation = forms.CharField(label=_("Instansi/lembaga pelapor"), max_length=150, required=False)
    reporter_contact = forms.CharField(label=_("Kontak pelapor"), max_length=150, required=False)
    reporter_address = forms.CharField(label=_("Alamat pelapor"), max_length=300, required=False)
    nips = forms.CharField(
        label=_("NIP terlapor"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "font-monospace"}),
        help_text=_("Satu NIP per baris; cari nama atau NIP di bawah. Satu kasus dibuka untuk setiap ASN."),
    )
    reported_text = forms.CharField(
        label=_("Terlapor sebagaimana dilaporkan"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )
    activities = _activities_field()
    not_in_catalogue = forms.BooleanField(label=_("Tidak ada di katalog (jelaskan di kronologi)"), required=False)

    field_order = ["region", "source", "channel", "source_reference", "anonymous", "reporter_name",
                   "reporter_organisation", "reporter_contact", "reporter_address", "nips", "reported_text",
                   "election", "incident_date", "incident_place", "chronology", "activities", "not_in_catalogue",
                   "links", "files"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = Region.objects.visible_to(user, "report.create").order_by("kind", "name")
        self.fields["region"].queryset = regions
        if regions.count() == 1:
            self.fields["region"].initial = regions.first()

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is not None and "nips" in data:
            data["employees"] = employees_from_nips(data["nips"], user=self.user, region=region, form=self)
        if not data.get("anonymous") and not (data.get("reporter_name") or data.get("reporter_organisation")):
            self.add_error("reporter_name", _("Isi nama atau instansi pelapor, atau tandai pelapor anonim."))
        if data.get("activities") and data.get("not_in_catalogue"):
            self.add_error("not_in_catalogue", _("Pilih larangan dari katalog, atau tandai “tidak ada di katalog”."))
        return data


def employees_from_nips(text: str, *, user, region, form, field: str = "nips") -> list:
    """The roster's ASN of ``region`` for the NIPs typed (one per line), or form errors naming the others."""
    nips = []
    for line in (text or "").replace(",", "\n").splitlines():
        digits = normalize_nip(line.split("—")[0].split(" - ")[0])
        if digits and digits not in nips:
            nips.append(digits)
    if not nips:
        form.add_error(field, _("Isi paling sedikit satu NIP terlapor."))
        return []
    if len(nips) > MAX_NIPS:
        form.add_error(field, _("Paling banyak %(n)s terlapor per laporan.") % {"n": MAX_NIPS})
        return []
    found = {e.nip: e for e in Employee.objects.visible_to(user, "report.create").filter(region=region, nip__in=nips)}
    unknown = [nip for nip in nips if nip not in found]
    if unknown:
        form.add_error(
            field,
            _("NIP tidak ditemukan di roster %(region)s: %(nips)s.")
            % {"region": region.name, "nips": ", ".join(unknown)},
        )
    return [found[nip] for nip in nips if nip in found]


class PublicReportForm(_FactsForm):
    """No login: the reported person is typed as free text, never looked up in the roster."""

    region = forms.ModelChoiceField(label=_("Pemda tempat ASN terlapor bekerja"), queryset=Region.objects.none())
    reported_name = forms.CharField(label=_("Nama ASN yang dilaporkan"), max_length=150)
    reported_office = forms.CharField(label=_("Jabatan / kantor / sekolah"), max_length=300, required=False)
    reporter_name = forms.CharField(label=_("Nama Anda (boleh dikosongkan)"), max_length=150, required=False)
    reporter_contact = forms.CharField(
        label=_("Telepon atau email Anda (boleh dikosongkan)"), max_length=150, required=False,
        help_text=_("Dirahasiakan: hanya petugas BKD dan Inspektorat yang dapat melihatnya."),
    )  # fmt: skip
    # The honeypot: hidden from people (and from screen readers), filled by form-filling robots.
    website = forms.CharField(required=False, label="Website", widget=forms.TextInput(attrs={"autocomplete": "off"}))

    field_order = ["region", "reported_name", "reported_office", "election", "incident_date", "incident_place",
                   "chronology", "links", "files", "reporter_name", "reporter_contact", "website"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = public_regions()
        self.fields["files"].max_files = 5

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Kode tanda terima"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class ReporterMessageForm(ReceiptForm):
    body = forms.CharField(
        label=_("Tambahan informasi atau jawaban"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 4})
    )
    links = LinksField(label=_("Tautan"), required=False)
    files = EvidenceFilesField(label=_("Bukti tambahan"), max_files=5)


class StaffMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Pesan/pertanyaan untuk pelapor"),
        max_length=TEXT_MAX,
        widget=forms.Textarea({"rows": 3}),
        help_text=_(
            "Terlihat oleh siapa pun yang memegang kode tanda terima: jangan tulis nama terlapor atau data lain."
        ),
    )


class RejectReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan"), choices=Report.RejectReason.choices)
    note = forms.CharField(
        label=_("Catatan internal"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )


class OpenCasesForm(forms.Form):
    nips = StaffReportForm.base_fields["nips"]
    election = _election_field()
    activities = _activities_field()
    not_in_catalogue = forms.BooleanField(label=_("Tidak ada di katalog"), required=False)

    def __init__(self, *args, user, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.report = user, report
        self.fields["election"].initial = report.election_id

    def clean(self):
        data = super().clean()
        if "nips" in data:
            data["employees"] = employees_from_nips(data["nips"], user=self.user, region=self.report.region, form=self)
        return data


class EvidenceForm(forms.Form):
    files = EvidenceFilesField(label=_("Berkas bukti"))
    links = LinksField(label=_("Tautan"), required=False)
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("files") and not data.get("links"):
            raise ValidationError(_("Pilih berkas atau isi tautan."))
        return data


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Catatan / alasan"), max_length=TEXT_MAX, required=False, widget=forms.Textarea({"rows": 3})
    )


class FindingForm(forms.Form):
    proven = forms.TypedChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=[("1", _("Terbukti")), ("0", _("Tidak terbukti"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("Kategori (jika terbukti)"), choices=[("", "—"), *Category.choices], required=False
    )
    reasoning = forms.CharField(label=_("Pertimbangan (LHP)"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 5}))


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Hearing.Kind.choices)
    scheduled_at = forms.DateTimeField(
        label=_("Waktu"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), input_formats=["%Y-%m-%dT%H:%M"]
    )
    place = forms.CharField(label=_("Tempat"), max_length=300)
    notes = forms.CharField(
        label=_("Catatan untuk ASN"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Kehadiran"), choices=Hearing.Attendance.choices)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Dokumen"),
        choices=[("bap_clarification", _("BAP klarifikasi")), ("bap_examination", _("BAP pemeriksaan"))],
    )
    file = EvidenceFilesField(label=_("Berkas yang sudah ditandatangani (PDF atau foto)"), required=True, max_files=1)


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Keterangan tertulis Anda"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 6}))
    files = EvidenceFilesField(label=_("Dokumen pendukung (opsional)"), max_files=5)


class OfficerForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Petugas penanggung jawab"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(memberships__region=case.region, memberships__role="bkd", is_active=True)
        if case.employee.user_id:
            users = users.exclude(pk=case.employee.user_id)
        self.fields["officer"].queryset = users.distinct().order_by("username")
        self.fields["officer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["officer"].initial = case.officer_id


class ActivitiesForm(forms.Form):
    activities = _activities_field()
    not_in_catalogue = forms.BooleanField(label=_("Tidak ada di katalog"), required=False)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari (nama, NIP, nomor kasus)"), required=False)
    state = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Kategori"), required=False, choices=[("", _("Semua")), *Category.choices])
    work_unit = forms.IntegerField(label=_("Unit kerja"), required=False, widget=forms.Select)
    election = forms.ModelChoiceField(label=_("Pemilihan"), required=False, queryset=Election.objects.all())
    source = forms.ChoiceField(label=_("Sumber"), required=False, choices=[("", _("Semua")), *Source.choices])
    overdue = forms.BooleanField(label=_("Lewat tenggat"), required=False)
    # The dashboard's drill-down links narrow the list to one Pemda and the days the cases were opened.
    region = forms.IntegerField(label=_("Pemda"), required=False, widget=forms.Select)
    opened_from = forms.DateField(
        label=_("Dibuka dari"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Dibuka sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        states = [("", _("Semua")), ("open", _("Semua yang masih berjalan")), *workflow.state_choices()]
        self.fields["state"].choices = states
        from people.selectors import regions_for, workunit_choices

        units = workunit_choices(user=user, capability="case.view")
        self.fields["work_unit"].widget.choices = [("", _("Semua"))] + [(u.pk, u.name) for u in units]
        regions = regions_for(user=user, capability="case.view")
        self.fields["region"].widget.choices = [("", _("Semua"))] + [(r.pk, r.name) for r in regions]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "state": data.get("state") or "",
            "category": data.get("category") or "",
            "work_unit_id": data.get("work_unit"),
            "election_id": data["election"].pk if data.get("election") else None,
            "source": data.get("source") or "",
            "overdue": bool(data.get("overdue")),
            "region_id": data.get("region"),
            "opened_from": data.get("opened_from"),
            "opened_to": data.get("opened_to"),
        }


class ReportPeriodForm(forms.Form):
    """The report list's narrowing by Pemda, election and the days reports were received (the dashboard's
    "new reports per week" links here); an invalid value is ignored."""

    region = forms.IntegerField(required=False, min_value=1)
    election = forms.IntegerField(required=False, min_value=1)
    received_from = forms.DateField(label=_("Diterima dari"), required=False)
    received_to = forms.DateField(label=_("Diterima sampai"), required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "region_id": data.get("region"),
            "election_id": data.get("election"),
            "received_from": data.get("received_from"),
            "received_to": data.get("received_to"),
        }


class ActivityForm(forms.ModelForm):
    sanctions_text = forms.CharField(
        label=_("Sanksi yang dapat dijatuhkan (kode, dipisah |)"), required=False, max_length=300
    )
    note = forms.CharField(label=_("Catatan perubahan"), max_length=1000, required=False)

    class Meta:
        model = ProhibitedActivity
        fields = ["code", "title", "title_en", "description", "legal_basis", "category", "stage", "counterpart_code",
                  "confidence"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["sanctions_text"].initial = "|".join(self.instance.sanctions_allowed or [])

    def validate_unique(self):
        """A new version shares its code with the versions before it (activity_save keeps one current)."""

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip().upper()
        if not self.instance.pk and ProhibitedActivity.objects.filter(code=code).exists():
            raise ValidationError(_("Kode %(code)s sudah ada: ubah entri itu.") % {"code": code})
        return code

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "code"}
        data["sanctions_allowed"] = [
            s.strip() for s in self.cleaned_data.get("sanctions_text", "").split("|") if s.strip()
        ]
        return data


class RulesForm(forms.Form):
    rules = forms.CharField(
        label=_("Aturan kata kunci"), widget=forms.Textarea({"rows": 10, "class": "font-monospace"})
    )


class ProposalForm(forms.ModelForm):
    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())

    class Meta:
        model = CatalogueProposal
        fields = ["region", "title", "description", "legal_basis", "category", "stage"]
        widgets = {"description": forms.Textarea({"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.visible_to(user, "catalogue.propose").order_by("kind", "name")
        self.fields["region"].queryset = regions
        if regions.count() == 1:
            self.fields["region"].initial = regions.first()


class ProposalDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Keputusan"), choices=[("1", _("Terima")), ("0", _("Tolak"))], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    code = forms.CharField(label=_("Kode entri baru (jika diterima)"), max_length=20, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)


class SuggestForm(forms.Form):
    chronology = forms.CharField(max_length=TEXT_MAX, required=False)
    incident_date = forms.DateField(required=False)
    election = forms.ModelChoiceField(queryset=Election.objects.all(), required=False)


class DeadlineSettingsForm(forms.Form):
    """The region settings section: working days per state, summons notice, public reports."""

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        initial = {
            "clarification_notice_days": instance.clarification_notice_days,
            "examination_notice_days": instance.examination_notice_days,
            "public_reports": instance.public_reports,
        }
        for state in workflow.states():
            if state.deadline_days is not None:
                initial[f"deadline__{state.code}"] = workflow.deadline_days(state.code, instance.deadlines)
        super().__init__(*args, initial=initial, **kwargs)
        for state in workflow.states():
            if state.deadline_days is not None:
                self.fields[f"deadline__{state.code}"] = forms.IntegerField(
                    label=_("Tenggat “%(state)s” (hari kerja)") % {"state": state.label}, min_value=1, max_value=250
                )
        self.fields["clarification_notice_days"] = forms.IntegerField(
            label=_("Panggilan klarifikasi: paling lambat (hari kerja sebelumnya)"), min_value=0, max_value=30
        )
        self.fields["examination_notice_days"] = forms.IntegerField(
            label=_("Panggilan pemeriksaan: paling lambat (hari kerja sebelumnya)"), min_value=0, max_value=30,
            help_text=_("PP 94/2021: 7 hari kerja."),
        )  # fmt: skip
        self.fields["public_reports"] = forms.BooleanField(
            label=_("Terima laporan masyarakat lewat portal (tanpa login)"), required=False
        )

    def save(self):
        settings = self.instance
        settings.deadlines = {
            state.code: self.cleaned_data[f"deadline__{state.code}"]
            for state in workflow.states()
            if state.deadline_days is not None
        }
        settings.clarification_notice_days = self.cleaned_data["clarification_notice_days"]
        settings.examination_notice_days = self.cleaned_data["examination_notice_days"]
        settings.public_reports = self.cleaned_data["public_reports"]
        settings.save()
        return settings


STAGE_CHOICES = Stage.choices
