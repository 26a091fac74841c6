"""Uploaded evidence and case documents: judged by their content, never by their name.

Accepted: JPEG, PNG, WebP and GIF images (opened and fully decoded by Pillow) and PDF documents (header,
trailer and object structure; no script, no launch action, no embedded file), up to EVIDENCE_MAX_BYTES.
A file whose name promises one type while its bytes are another ("foto.jpg" holding a PDF) is refused, as is
anything else — an archive, an SVG (it can carry script), an office document, an executable. The SHA-256 of
the exact bytes is recorded; the original is kept, and images get a copy without location data (EXIF GPS)
for whoever is not BKD.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

TYPES = {
    "image/jpeg": ("jpg", (".jpg", ".jpeg", ".jfif")),
    "image/png": ("png", (".png",)),
    "image/webp": ("webp", (".webp",)),
    "image/gif": ("gif", (".gif",)),
    "application/pdf": ("pdf", (".pdf",)),
}
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
LABELS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "image/gif": "GIF", "application/pdf": "PDF"}
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; beyond it a small file may be a decompression bomb
PDF_DANGER = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
GPS_IFD = 0x8825
NAME_SAFE = re.compile(r"[^\w.\- ()]+")


@dataclass
class CheckedFile:
    data: bytes
    content_type: str
    extension: str
    sha256: str
    name: str  # the original name, cleaned for display

    @property
    def size(self) -> int:
        return len(self.data)


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _refusal_for_unknown(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return _("Arsip (ZIP/RAR/7z/gzip) tidak diterima: unggah foto atau PDF-nya satu per satu.")
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text) or b"<svg" in text[:512]:
        return _("Gambar SVG tidak diterima (dapat berisi skrip): unggah tangkapan layar PNG atau JPG.")
    if text.startswith((b"<!doctype", b"<html", b"<script")):
        return _("Halaman HTML tidak diterima: kirim tautannya, atau tangkapan layarnya.")
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return _("Foto HEIC belum dapat dibaca: ubah ke JPG (atau ambil tangkapan layar) lalu unggah lagi.")
    return _("Jenis berkas tidak diterima: hanya foto/tangkapan layar (JPG, PNG, WebP, GIF) atau PDF.")


def clean_name(name: str) -> str:
    base = PurePath((name or "").replace("\\", "/")).name
    return (NAME_SAFE.sub("_", base).strip() or "berkas")[:200]


def check_upload(upload, *, limit: int | None = None) -> CheckedFile:
    """The upload's bytes if they are an image or a PDF we accept, else ValidationError saying why."""
    limit = limit or max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(_too_big(limit), code="too_big")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_too_big(limit), code="too_big")
    if not data:
        raise ValidationError(_("Berkas kosong."), code="empty")
    content_type = _sniff(data[:16])
    if content_type is None:
        raise ValidationError(_refusal_for_unknown(data[:1024]), code="type")
    name = clean_name(getattr(upload, "name", ""))
    suffix = PurePath(name).suffix.lower()
    extension, suffixes = TYPES[content_type]
    if suffix and suffix not in suffixes:
        raise ValidationError(
            _("Berkas “%(name)s” bernama %(suffix)s tetapi isinya %(kind)s: berkas ditolak.")
            % {"name": name, "suffix": suffix, "kind": LABELS[content_type]},
            code="mismatch",
        )
    if content_type == "application/pdf":
        _check_pdf(data)
    else:
        _check_image(data, content_type)
    return CheckedFile(data, content_type, extension, hashlib.sha256(data).hexdigest(), name)


def _too_big(limit: int) -> str:
    return _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": round(limit / (1024 * 1024), 1)}


def _check_image(data: bytes, content_type: str) -> None:
    broken = ValidationError(_("Gambar rusak atau tidak lengkap: berkas ditolak."), code="broken")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != PIL_FORMATS[content_type]:
                    raise broken
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(_("Gambar terlalu besar (resolusi)."), code="pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode the pixels: a truncated file fails here
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise broken from None


def _check_pdf(data: bytes) -> None:
    broken = ValidationError(_("PDF rusak atau tidak lengkap: berkas ditolak."), code="broken")
    if not re.match(rb"%PDF-[12]\.\d", data[:8]):
        raise broken
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in data[-4096:]:
        raise broken
    if not re.search(rb"\d+\s+\d+\s+obj\b", data) or b"endobj" not in data:
        raise broken
    if PDF_DANGER.search(data):
        raise ValidationError(
            _("PDF berisi skrip, tindakan otomatis atau berkas tersemat: cetak ulang sebagai PDF biasa."), code="active"
        )


def without_location(checked: CheckedFile) -> bytes | None:
    """A copy of an image without its GPS data (and without XMP, which Pillow does not carry over); None
    when there is nothing to remove (a PDF, or an image with no location)."""
    if not checked.content_type.startswith("image/"):
        return None
    with Image.open(io.BytesIO(checked.data)) as image:
        exif = image.getexif()
        has_xmp = "xmp" in image.info or b"http://ns.adobe.com/xap/1.0/" in checked.data[:65536]
        if GPS_IFD not in exif and not has_xmp:
            return None
        exif.pop(GPS_IFD, None)
        out = io.BytesIO()
        options = {"exif": exif.tobytes()} if len(exif) else {}
        if checked.content_type == "image/jpeg":
            options["quality"] = 92
        if checked.content_type == "image/gif":
            options["save_all"] = True
        image.save(out, PIL_FORMATS[checked.content_type], **options)
    return out.getvalue()
