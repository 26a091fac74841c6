"""The sanctions app's roles and capabilities (collected at start-up by core.capabilities).

``sanction.approve`` is granted to the head, and the recommendation's queryset further narrows it to the head's
*direct* memberships (SanctionRecommendation.objects.visible_to): a provincial membership reads its kabupaten's
recommendations but does not decide them. ``sanction.own`` belongs to no role: the ASN holds it on their own
decision once the head approved it. ``keuangan`` (BPKAD) sees the allowance-cut schedule and nothing else.
"""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability, role

role("keuangan", _("Keuangan (BPKAD)"), home_order=50)

capability("sanction.view", _("Melihat rekomendasi dan keputusan sanksi"), roles=["bkd", "head", "inspector"])
capability("sanction.propose", _("Mengusulkan sanksi, mencatat riwayat hukuman dan penyampaian SK"), roles=["bkd"])
capability("sanction.approve", _("Menetapkan atau menolak rekomendasi sanksi (PPK)"), roles=["head"])
capability("sanction.schedule", _("Melihat jadwal pemotongan TPP"), roles=["keuangan", "bkd", "head", "inspector"])
capability("sanction.own", _("Membaca keputusan sanksi atas diri saya"))
