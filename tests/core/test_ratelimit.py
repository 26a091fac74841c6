"""core.ratelimit: cache-counted fixed windows per key, and the view decorator answering 429 with a page."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core.ratelimit import hit, ratelimit


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_template(settings, tmp_path):
    (tmp_path / "limited.html").write_text("Tunggu {{ retry_after }} detik")
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = [engine]
    return "limited.html"


def test_hit_counts_up_to_the_limit_per_key():
    assert [hit("uji:a", 3, 60) for _ in range(5)] == [True, True, True, False, False]
    assert hit("uji:b", 3, 60)  # another key has its own count
    assert not hit("uji:a", 3, 60)


def test_a_new_window_starts_afresh(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr("core.ratelimit.time.time", lambda: clock[0])
    assert [hit("uji:w", 1, 60) for _ in range(2)] == [True, False]
    clock[0] += 60
    assert hit("uji:w", 1, 60)


def test_the_decorator_answers_429_with_the_page(page_template):
    @ratelimit("uji", limit=2, window=120, template=page_template)
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    statuses = [view(factory.get("/", REMOTE_ADDR="198.51.100.1")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = view(factory.get("/", REMOTE_ADDR="198.51.100.1"))
    assert 0 < int(limited["Retry-After"]) <= 120
    assert limited.content.decode() == f"Tunggu {limited['Retry-After']} detik"
    assert view(factory.get("/", REMOTE_ADDR="198.51.100.2")).status_code == 200


def test_the_decorator_counts_only_the_given_methods_and_reads_settings_per_request(page_template, settings):
    settings.UJI_LIMIT = 1

    @ratelimit("uji-post", limit=lambda: settings.UJI_LIMIT, window=60, template=page_template, methods=("POST",))
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    assert [view(factory.get("/")).status_code for _ in range(3)] == [200, 200, 200]
    assert [view(factory.post("/")).status_code for _ in range(2)] == [200, 429]
    settings.UJI_LIMIT = 5
    assert view(factory.post("/")).status_code == 200
