"""Elections: the 2024 ones are there, and the candidate-fixing date splits the two stages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pledges.models import Election

pytestmark = pytest.mark.django_db


def test_the_2024_elections_are_seeded():
    pemilu = Election.objects.get(slug="pemilu-2024")
    pilkada = Election.objects.get(slug="pilkada-2024")
    assert pemilu.voting_day == dt.date(2024, 2, 14)
    assert pilkada.voting_day == dt.date(2024, 11, 27)
    assert pilkada.candidates_fixed_on == dt.date(2024, 9, 22)
    assert (pilkada.campaign_start, pilkada.campaign_end) == (dt.date(2024, 9, 25), dt.date(2024, 11, 23))


def test_the_stage_turns_on_candidate_fixing_day():
    pilkada = Election.objects.get(slug="pilkada-2024")
    assert pilkada.stage_on(dt.date(2024, 9, 21)) == "bakal_calon"
    assert pilkada.stage_on(dt.date(2024, 9, 22)) == "calon"


def test_dates_out_of_order_are_refused():
    election = Election(
        name="PSU", slug="psu", kind="lainnya", candidates_fixed_on=dt.date(2025, 1, 10),
        campaign_start=dt.date(2025, 1, 5), campaign_end=dt.date(2025, 1, 20), quiet_start=dt.date(2025, 1, 21),
        quiet_end=dt.date(2025, 1, 22), voting_day=dt.date(2025, 1, 23),
    )  # fmt: skip
    with pytest.raises(ValidationError) as raised:
        election.full_clean()
    assert "campaign_start" in raised.value.message_dict
