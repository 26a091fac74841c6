"""Forms of the pakta pages: a template version, a campaign, the signing form. Dates are typed in the region's zone."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Region, WorkUnit

from ..models import Campaign, Ceremony, Election, PactTemplate
from ..services import pakta_text
from ..services.pakta import MAX_QUESTIONS
from .apel import local_datetime


class TemplateForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())
    title = forms.CharField(label=_("Judul"), max_length=200, initial=pakta_text.DEFAULT_TITLE)
    place = forms.CharField(
        label=_("Tempat penandatanganan"),
        max_length=120,
        required=False,
        help_text=_("Mis. Sekayu; kosong = nama Pemda."),
    )
    body = forms.CharField(
        label=_("Teks pakta (Markdown)"),
        max_length=pakta_text.MAX_BODY,
        initial=pakta_text.DEFAULT_BODY,
        widget=forms.Textarea(attrs={"rows": 18, "class": "font-monospace"}),
        help_text=_(
            "Tempat isian: {{ nama }}, {{ nip }}, {{ jabatan }}, {{ unit_kerja }}, {{ pemda }}, {{ tempat }}, "
            "{{ tanggal }}. HTML tidak dijalankan."
        ),
    )

    def __init__(self, *args, user, template: PactTemplate | None = None, **kwargs):
        if template is not None:
            kwargs.setdefault("initial", {"title": template.title, "place": template.place, "body": template.body})
        super().__init__(*args, **kwargs)
        regions = Region.objects.visible_to(user, "pakta.manage").exclude(kind=Region.Kind.PROVINSI).order_by("name")
        self.fields["region"].queryset = regions
        if template is not None:
            del self.fields["region"]
        elif len(regions) == 1:
            self.fields["region"].initial = regions[0]
            self.fields["region"].widget = forms.HiddenInput()


class CampaignForm(forms.Form):
    ALL, CHOSEN = "all", "chosen"

    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.none())
    template = forms.ModelChoiceField(label=_("Templat pakta (versi terbit)"), queryset=PactTemplate.objects.none())
    title = forms.CharField(
        label=_("Nama kampanye"), max_length=200, initial=_("Penandatanganan Pakta Integritas Netralitas ASN")
    )
    units_mode = forms.ChoiceField(
        label=_("Sasaran"),
        choices=[(ALL, _("Semua ASN aktif Pemda")), (CHOSEN, _("Unit kerja tertentu (beserta sub-unitnya)"))],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    work_units = forms.ModelMultipleChoiceField(
        label=_("Unit kerja"), queryset=WorkUnit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_date = forms.DateField(
        label=_("Dibuka tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline_date = forms.DateField(
        label=_("Batas waktu (tanggal)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Penandatanganan ditutup pukul 23.59 waktu setempat pada tanggal ini."),
    )
    ceremony = forms.ModelChoiceField(
        label=_("Apel terkait (opsional)"),
        queryset=Ceremony.objects.none(),
        required=False,
        help_text=_("Halaman konfirmasi check-in apel itu menawarkan “tanda tangani pakta sekarang”."),
    )
    first_reminder_days = forms.IntegerField(
        label=_("Pengingat pertama (hari sesudah undangan)"), min_value=0, max_value=60, initial=3
    )
    reminder_every_days = forms.IntegerField(label=_("Lalu setiap (hari)"), min_value=0, max_value=30, initial=2)
    remind_day_before = forms.BooleanField(
        label=_("Pengingat sehari sebelum batas waktu"), required=False, initial=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.visible_to(user, "pakta.manage").exclude(kind=Region.Kind.PROVINSI).order_by("name")
        self.fields["region"].queryset = regions
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
            self.fields["region"].widget = forms.HiddenInput()
        self.fields["election"].queryset = Election.objects.filter(is_active=True).order_by("-voting_day")
        first = self.fields["election"].queryset.first()
        self.fields["election"].initial = first.pk if first else None
        self.fields["template"].queryset = (
            PactTemplate.objects.visible_to(user, "pakta.manage").published().select_related("region").order_by("-pk")
        )
        self.fields["template"].label_from_instance = lambda t: f"{t.title} (v{t.version})"
        units = WorkUnit.objects.visible_to(user, "pakta.manage").filter(is_active=True).select_related("region")
        self.fields["work_units"].queryset = units.order_by("region__name", "name")
        self.fields["work_units"].label_from_instance = (
            (lambda u: u.name) if len(regions) == 1 else (lambda u: f"{u.region.name} — {u.name}")
        )
        self.fields["ceremony"].queryset = (
            Ceremony.objects.visible_to(user, "apel.manage")
            .exclude(status="cancelled")
            .select_related("region")
            .order_by("-starts_at")[:50]
        )
        self.question_rows = []
        for n in range(MAX_QUESTIONS):
            self.fields[f"q{n}_text"] = forms.CharField(
                label=_("Pertanyaan %(n)s") % {"n": n + 1}, max_length=300, required=False
            )
            self.fields[f"q{n}_choices"] = forms.CharField(
                label=_("Pilihan jawaban pertanyaan %(n)s (satu per baris)") % {"n": n + 1},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"q{n}_answer"] = forms.IntegerField(
                label=_("Nomor pilihan yang benar untuk pertanyaan %(n)s") % {"n": n + 1},
                min_value=1,
                max_value=5,
                required=False,
            )
            self.question_rows.append((self[f"q{n}_text"], self[f"q{n}_choices"], self[f"q{n}_answer"]))

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is None:
            return data
        if data.get("units_mode") == self.CHOSEN:
            units = data.get("work_units") or []
            if not units:
                self.add_error("work_units", _("Pilih setidaknya satu unit kerja."))
            elif any(u.region_id != region.pk for u in units):
                self.add_error("work_units", _("Unit kerja harus berada di Pemda kampanye ini."))
        if data.get("template") and data["template"].region_id != region.pk:
            self.add_error("template", _("Pilih templat milik Pemda kampanye ini."))
        if data.get("ceremony") and data["ceremony"].region_id != region.pk:
            self.add_error("ceremony", _("Pilih apel milik Pemda kampanye ini."))
        if data.get("opens_date") and data.get("deadline_date"):
            data["opens_at"] = local_datetime(data["opens_date"], dt.time(0, 0), region)
            data["deadline"] = local_datetime(data["deadline_date"], dt.time(23, 59, 59), region)
            if data["deadline"] <= data["opens_at"]:
                self.add_error("deadline_date", _("Batas waktu harus sesudah tanggal dibuka."))
        questions = []
        for n in range(MAX_QUESTIONS):
            text = (data.get(f"q{n}_text") or "").strip()
            choices = [c.strip() for c in (data.get(f"q{n}_choices") or "").splitlines() if c.strip()]
            answer = data.get(f"q{n}_answer")
            if not text:
                continue
            if not 2 <= len(choices) <= 5:
                self.add_error(f"q{n}_choices", _("Tulis 2 sampai 5 pilihan, satu per baris."))
            elif answer is None or answer > len(choices):
                self.add_error(
                    f"q{n}_answer", _("Tulis nomor pilihan yang benar (1 sampai %(max)s).") % {"max": len(choices)}
                )
            else:
                questions.append({"question": text, "choices": choices, "answer": answer - 1})
        data["questions"] = questions
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        chosen = data["units_mode"] == self.CHOSEN
        return {
            "region": data["region"],
            "election": data["election"],
            "template": data["template"],
            "title": data["title"],
            "all_units": not chosen,
            "work_units": list(data["work_units"]) if chosen else [],
            "opens_at": data["opens_at"],
            "deadline": data["deadline"],
            "ceremony": data.get("ceremony"),
            "questions": data["questions"],
            "first_reminder_days": data["first_reminder_days"],
            "reminder_every_days": data["reminder_every_days"],
            "remind_day_before": data["remind_day_before"],
        }


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label=_("Ketik nama lengkap Anda"),
        max_length=200,
        help_text=_("Sesuai data kepegawaian; gelar boleh ditulis atau tidak."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    signature = forms.CharField(required=False, max_length=500_000, widget=forms.HiddenInput())
    consent = forms.BooleanField(
        label=_("Saya telah membaca pakta integritas di atas dan menandatanganinya dengan sadar, tanpa paksaan."),
        required=False,
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = []
        for n, question in enumerate(questions):
            name = f"q{n}"
            self.fields[name] = forms.TypedChoiceField(
                label=question["question"],
                choices=list(enumerate(question["choices"])),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.questions.append(self[name])

    def answers(self) -> list:
        return [self.cleaned_data.get(f"q{n}") for n in range(len(self.questions))]


class CorrectionForm(forms.Form):
    message = forms.CharField(
        label=_("Apa yang salah?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. jabatan atau unit kerja yang benar. BKD akan memperbaiki data Anda."),
    )


class ZipForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=WorkUnit.objects.none())

    def __init__(self, *args, campaign: Campaign, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            WorkUnit.objects.visible_to(user, "pakta.view").filter(region_id=campaign.region_id).order_by("name")
        )
