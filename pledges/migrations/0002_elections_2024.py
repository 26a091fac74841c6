"""The 2024 elections (shared/domain/reference.md §6.1)."""

import datetime as dt

from django.db import migrations

D = dt.date
ELECTIONS = [
    {
        "slug": "pemilu-2024",
        "name": "Pemilu 2024",
        "kind": "pemilu",
        # DCT legislatif 3 Nov 2023 and the presidential pairs 13 Nov 2023 are [U] in reference.md;
        # the later date is used, and a case may say which candidates it concerns.
        "candidates_fixed_on": D(2023, 11, 13),
        "campaign_start": D(2023, 11, 28),
        "campaign_end": D(2024, 2, 10),
        "quiet_start": D(2024, 2, 11),
        "quiet_end": D(2024, 2, 13),
        "voting_day": D(2024, 2, 14),
        "notes": "Kampanye 28 Nov 2023 – 10 Feb 2024, masa tenang 11–13 Feb, pemungutan suara 14 Feb 2024 [C]. "
        "Penetapan: DCT legislatif 3 Nov 2023, pasangan calon presiden 13 Nov 2023 [U].",
    },
    {
        "slug": "pilkada-2024",
        "name": "Pilkada Serentak 2024",
        "kind": "pilkada",
        "candidates_fixed_on": D(2024, 9, 22),
        "campaign_start": D(2024, 9, 25),
        "campaign_end": D(2024, 11, 23),
        "quiet_start": D(2024, 11, 24),
        "quiet_end": D(2024, 11, 26),
        "voting_day": D(2024, 11, 27),
        "notes": "Penetapan pasangan calon 22 Sep 2024, kampanye 25 Sep – 23 Nov 2024, pemungutan suara 27 Nov 2024 "
        "[C]; masa tenang 24–26 Nov [U, disimpulkan].",
    },
]


def seed(apps, schema_editor):
    Election = apps.get_model("pledges", "Election")
    for values in ELECTIONS:
        Election.objects.update_or_create(slug=values["slug"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_elections")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
