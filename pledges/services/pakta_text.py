"""Pakta texts: the default neutrality pakta, placeholders, and rendering Markdown to sanitised HTML (pure).

The personalised text is the template's Markdown with each placeholder replaced by the signer's data; that
exact text is what is signed and hashed (SHA-256 of its UTF-8 bytes). It is shown (and printed) as HTML made
by markdown-it-py with raw HTML disabled and then cleaned by nh3 to a small safe subset.
"""

import hashlib
import re
from dataclasses import dataclass

import nh3
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

PLACEHOLDERS = ("nama", "nip", "jabatan", "unit_kerja", "pemda", "tempat", "tanggal")
PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ol",
    "ul",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
MAX_BODY = 20_000

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

DEFAULT_TITLE = "Pakta Integritas Netralitas ASN"

# Built from shared/domain/reference.md: the identity block (§6.3), the four-point ikrar (§6.2), the seven
# prohibited acts of PP 94/2021 Pasal 5 huruf n (§1.2), acceptance of sanctions and place/date (§6.3).
# It is the text signed, not UI: it stays in Indonesian whatever the user's language.
DEFAULT_BODY = """Yang bertanda tangan di bawah ini:

| | |
|---|---|
| Nama | {{ nama }} |
| NIP | {{ nip }} |
| Jabatan | {{ jabatan }} |
| Unit kerja | {{ unit_kerja }} |
| Instansi | {{ pemda }} |

Dalam rangka menyukseskan Pemilu dan Pemilihan, dengan ini menyatakan bahwa saya:

1. Menjaga dan menegakkan prinsip netralitas pegawai Aparatur Sipil Negara dalam melaksanakan fungsi pelayanan \
publik, baik sebelum, selama, maupun sesudah pelaksanaan Pemilu dan Pemilihan;
2. Menghindari konflik kepentingan, tidak melakukan praktik intimidasi dan ancaman kepada pegawai Aparatur Sipil \
Negara dan seluruh elemen masyarakat, serta tidak memihak kepada pasangan calon tertentu;
3. Menggunakan media sosial secara bijak, tidak menyebarkan ujaran kebencian serta berita bohong;
4. Menolak politik uang dan segala jenis pemberian dalam bentuk apa pun;
5. Tidak memberikan dukungan kepada calon Presiden/Wakil Presiden, kepala daerah/wakil kepala daerah, anggota DPR, \
DPD, atau DPRD dengan cara:
    1. ikut kampanye;
    2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;
    3. sebagai peserta kampanye mengerahkan PNS lain;
    4. sebagai peserta kampanye menggunakan fasilitas negara;
    5. membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon sebelum, \
selama, dan sesudah masa kampanye;
    6. mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon, meliputi pertemuan, ajakan, \
himbauan, seruan, atau pemberian barang kepada PNS dalam lingkungan unit kerjanya, anggota keluarga, dan \
masyarakat;
    7. memberikan surat dukungan disertai fotokopi KTP atau Surat Keterangan Tanda Penduduk.

Apabila saya melanggar pernyataan ini, saya bersedia dijatuhi sanksi sesuai ketentuan peraturan \
perundang-undangan, termasuk Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil dan \
Keputusan Bersama tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN.

Demikian pakta integritas ini saya buat dengan sadar, tanpa paksaan, dan penuh tanggung jawab.

{{ tempat }}, {{ tanggal }}
"""


@dataclass(frozen=True)
class Personal:
    """The signer's data that fills the placeholders."""

    nama: str
    nip: str
    jabatan: str
    unit_kerja: str
    pemda: str
    tempat: str
    tanggal: str


def unknown_placeholders(body: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER_RE.findall(body) if name not in PLACEHOLDERS})


def _markdown_escape(value: str) -> str:
    """A roster value as literal text inside Markdown (no emphasis, list or table syntax of its own)."""
    value = " ".join(str(value).split())
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", value)


def personal_for(*, employee, region, place: str, day) -> Personal:
    return Personal(
        nama=employee.display_name,
        nip=employee.nip,
        jabatan=employee.position or "-",
        unit_kerja=employee.work_unit.name if employee.work_unit_id else "-",
        pemda=region.name,
        tempat=place or region.name,
        tanggal=date_format(day, "j F Y"),
    )


def personalise(body: str, personal: Personal) -> str:
    """The template's Markdown with every placeholder filled (roster values escaped as literal text)."""
    values = {name: _markdown_escape(getattr(personal, name)) for name in PLACEHOLDERS}
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def render_html(markdown_text: str) -> SafeString:
    """Markdown → HTML, raw HTML off, then cleaned to the allowed tags (no attributes, no links, no images)."""
    html = _markdown.render(markdown_text)
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None))  # noqa: S308 - sanitised by nh3


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sample_personal(region) -> Personal:
    """Example data for the staff preview of a template."""
    return Personal(
        nama="Contoh Nama, S.Pd.",
        nip="199001012015031001",
        jabatan="Analis Kepegawaian",
        unit_kerja="Badan Kepegawaian Daerah",
        pemda=region.name,
        tempat=region.name,
        tanggal=date_format(timezone.localdate(), "j F Y"),
    )
