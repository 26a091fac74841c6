"""The violations app's capabilities (roles are declared by the people app).

``case.own`` and ``case.respond`` belong to no role: only the reported ASN holds them, on their own case, from
the summons on (Case.owner_capabilities); with ``staff_excludes_owner`` the subject of a case holds no staff
capability on it whatever roles they have.
"""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

STAFF = ["bkd", "head", "inspector"]

capability("report.create", _("Mencatat laporan pelanggaran dan menanganinya"), roles=["bkd"])
capability("report.view", _("Melihat laporan pelanggaran"), roles=STAFF)
# The reporter's name and contact: BKD and the Inspektorat only; every opening is audited.
capability("report.reporter_view", _("Membuka identitas pelapor"), roles=["bkd", "inspector"])
capability("case.view", _("Melihat kasus pelanggaran"), roles=STAFF)
capability("case.handle", _("Menangani kasus pelanggaran (klarifikasi, pemeriksaan, LHP)"), roles=["bkd"])
# The evidence as uploaded (with its location data); everyone else sees a copy without it.
capability("evidence.original", _("Mengunduh bukti asli"), roles=["bkd"])
capability("case.own", _("Membaca kasus yang ditujukan kepada saya"))
capability("case.respond", _("Menyampaikan keterangan tertulis atas kasus saya"))
capability("catalogue.view", _("Melihat katalog larangan"), roles=[*STAFF, "admin"])
capability("catalogue.propose", _("Mengusulkan entri katalog baru"), roles=["bkd"])
capability("catalogue.manage", _("Mengelola katalog larangan"), roles=["admin"])
