"""The region's daily limit: a section of the region settings page, a row per region made on first use."""

import pytest
from django.utils import translation

from core import regionsettings
from mailer.forms import MailSettingsForm
from mailer.models import MailSettings


def test_the_section_is_registered_with_its_form(db, settings, region_a):
    settings.MAILER_DEFAULT_DAILY_LIMIT = 1500
    section = regionsettings.get_section("mailer.sending")
    assert section is not None and section.form_class is MailSettingsForm
    assert str(section.label) == "Pengiriman email"
    instance = section.instance(region_a)
    assert (instance.region, instance.daily_limit) == (region_a, 1500)
    assert section.instance(region_a).pk == instance.pk  # one row per region


@pytest.mark.parametrize("value", ["0", "2500"])
def test_the_form_saves_a_limit(db, region_a, value):
    form = MailSettingsForm({"daily_limit": value}, instance=MailSettings.for_region(region_a))
    assert form.is_valid(), form.errors
    form.save()
    assert MailSettings.objects.get(region=region_a).daily_limit == int(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Ensure this value is greater than or equal to 0."),
        ("2000000", "Ensure this value is less than or equal to 1000000."),
        ("banyak", "Enter a whole number."),
    ],
)
def test_the_form_refuses_a_bad_limit_clearly(db, settings, region_a, value, message):
    with translation.override("en"):
        form = MailSettingsForm({"daily_limit": value}, instance=MailSettings.for_region(region_a))
        assert not form.is_valid()
        assert form.errors["daily_limit"] == [message]
    assert MailSettings.objects.get(region=region_a).daily_limit == settings.MAILER_DEFAULT_DAILY_LIMIT


def test_limits_are_kept_per_region(db, region_a, region_b):
    MailSettings.for_region(region_a)
    MailSettings.objects.filter(region=region_a).update(daily_limit=5)
    assert MailSettings.for_region(region_b).daily_limit != 5
