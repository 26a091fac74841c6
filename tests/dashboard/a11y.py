"""Each demo role's home page for the accessibility check (tests/e2e/test_a11y.py), and the phone menu open."""

from tests.e2e.axe import A11yPage


def open_menus(page):
    """The collapsed phone menu and the account dropdown, opened: their links are checked too."""
    page.locator(".navbar-toggler").click()
    page.locator("#nav-main.show").wait_for()
    page.locator("#nav-user").click()
    page.locator(".dropdown-menu.show").wait_for()
    page.wait_for_timeout(400)  # the collapse animation, so colours are final


def _apel_people(env):
    from django.urls import reverse

    return reverse("dashboard_apel_people") + "?figure=present"


def _weekly(env):
    """The demo has no weekly report yet: make this week's one as Monday's job would."""
    from django.urls import reverse

    from dashboard.models import WeeklyReport
    from dashboard.weekly import weekly_report_issue

    weekly_report_issue()
    return reverse("weekly_report_detail", args=[WeeklyReport.objects.filter(region=env.region).first().pk])


PAGES = [
    A11yPage("home-admin", "admin.sumsel", "home"),
    A11yPage("home-bkd", "bkd.muba", "home"),
    A11yPage("home-bkd-menu-open", "bkd.muba", "home", then=open_menus),
    A11yPage("home-head", "bupati.muba", "home"),
    A11yPage("home-inspector", "inspektur.muba", "home"),
    A11yPage("home-asn", "asn.muba", "home"),
    A11yPage("home-asn-menu-open", "asn.muba", "home", then=open_menus),
    A11yPage("dashboard-head", "bupati.muba", "dashboard_region"),
    A11yPage("dashboard-province", "admin.sumsel", "dashboard_province"),
    A11yPage("dashboard-apel-people", "bupati.muba", _apel_people),
    A11yPage("dashboard-weekly-list", "bkd.muba", "weekly_report_list"),
    A11yPage("dashboard-weekly-report", "bupati.muba", _weekly),
]
