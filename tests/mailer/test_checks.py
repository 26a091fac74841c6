from mailer.apps import check_lease


def test_it_warns_when_the_lease_is_shorter_than_a_slow_send(settings):
    settings.EMAIL_TIMEOUT = 30
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 45
    assert [w.id for w in check_lease()] == ["mailer.W001"]


def test_the_default_lease_passes(settings):
    settings.EMAIL_TIMEOUT = 30
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    assert check_lease() == []
