"""manage.py import_roster --region muba FILE [--dry-run]: the web page's import, from a shell."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from people.models import Region, RosterImport, User
from people.services import roster, roster_imports


class Command(BaseCommand):
    help = "Check a roster file (CSV/XLSX) and import it into a region: all-or-nothing, upsert by NIP."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", required=True, help="Region code, e.g. muba")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file; write nothing")
        parser.add_argument("--user", help="Username recorded as the uploader and in the audit trail")

    def handle(self, *args, **options):
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(_("Kode Pemda tidak dikenal: %(code)s") % {"code": options["region"]})
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("Pengguna tidak dikenal: %(user)s") % {"user": options["user"]})
        path: Path = options["file"]
        try:
            if path.stat().st_size > settings.ROSTER_MAX_UPLOAD_BYTES:  # the page's limit, before reading it
                raise CommandError(
                    _("Berkas terlalu besar (maksimal %(mb)s MB).")
                    % {"mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
                )
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(error)s") % {"path": path, "error": exc}
            ) from exc
        if options["dry_run"]:
            plan = roster.roster_plan(region=region, data=data, filename=path.name)
            return self._report(plan.errors, {**plan.summary(), "preview": True})
        try:
            upload = roster_imports.roster_import_create(
                region=region, user=user, uploaded_file=SimpleUploadedFile(path.name, data), queue=False
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        upload_id = upload.pk
        # Each step returns None when another process has moved the import on: then report it as it is.
        upload = roster_imports.roster_import_check(import_id=upload_id) or RosterImport.objects.get(pk=upload_id)
        if upload.status == RosterImport.Status.CHECKED:
            roster_imports.roster_import_start(roster_import=upload, user=user, queue=False)
            user_id = user.pk if user else None
            upload = roster_imports.roster_import_run(import_id=upload_id, user_id=user_id) or RosterImport.objects.get(
                pk=upload_id
            )
        if upload.status == RosterImport.Status.FAILED:
            raise CommandError(upload.failure)
        return self._report(upload.errors, upload.summary)

    def _report(self, errors, summary):
        for error in errors:
            where = _("baris %(row)s") % {"row": error["row"]} if error.get("row") else _("berkas")
            column = ", " + _("kolom %(column)s") % {"column": error["column"]} if error.get("column") else ""
            self.stderr.write(f"{where}{column}: {error['message']}")
        if errors:
            raise CommandError(_("%(count)s kesalahan; tidak ada data yang diubah.") % {"count": len(errors)})
        preview = summary.get("preview")
        line = _("%(total)s baris: %(created)s ditambahkan, %(updated)s diperbarui, %(unchanged)s tidak berubah.")
        params = {k: summary[k] for k in ("created", "updated", "unchanged")} | {"total": summary["total_rows"]}
        self.stdout.write((_("Uji coba — ") if preview else "") + line % params)
        if summary["units_created"]:
            label = _("Unit kerja baru yang akan dibuat") if preview else _("Unit kerja baru yang dibuat")
            self.stdout.write(f"{label}: {', '.join(summary['units_created'])}")
        if summary.get("ignored_columns"):
            self.stdout.write(
                _("Kolom yang diabaikan: %(columns)s") % {"columns": ", ".join(summary["ignored_columns"])}
            )
