"""The workflow table, exhaustively: every state × every action × every role, through the pages.

Only a BKD officer of the case's region who is not its subject may move a case, and only along the table;
every other combination is refused (403/404, or a clear message for an illegal move) and changes nothing.
"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from audit.models import AuditEvent
from core.capabilities import check
from tests.factories import EmployeeFactory, MembershipFactory, UserFactory
from violations import workflow
from violations.models import Case, CaseTransition, Hearing
from violations.services.cases import case_transition, deadline_for

from .factories import make_case

pytestmark = pytest.mark.django_db

STATES = [s.code for s in workflow.states()]
# The violations app's own moves (case.handle); the moves other apps register (the PPK's decision, its delivery)
# are taken through their own pages and tested there (tests/sanctions).
ACTIONS = [t.action for t in workflow.transitions() if t.capability == "case.handle"]
ROLES = ["bkd", "head", "inspector", "admin", "owner", "subject_bkd", "other_region_bkd"]


@pytest.fixture
def actors(region_a, region_b, unit_a):
    owner = UserFactory(username="terlapor")
    owner_employee = EmployeeFactory(region=region_a, work_unit=unit_a, user=owner)
    subject = MembershipFactory(region=region_a, role="bkd", user__username="bkd.terlapor").user
    subject_employee = EmployeeFactory(region=region_a, work_unit=unit_a, user=subject)
    users = {
        "bkd": MembershipFactory(region=region_a, role="bkd", user__username="bkd.a").user,
        "head": MembershipFactory(region=region_a, role="head").user,
        "inspector": MembershipFactory(region=region_a, role="inspector").user,
        "admin": MembershipFactory(region=region_a, role="admin").user,
        "owner": owner,
        "subject_bkd": subject,
        "other_region_bkd": MembershipFactory(region=region_b, role="bkd").user,
    }
    return users, owner_employee, subject_employee


def post_action(client, case, action):
    move = workflow.transition(action)
    if move.form:
        proven = action == "finding_proven"
        data = {"proven": "1" if proven else "0", "category": "disiplin_berat" if proven else "", "reasoning": "LHP"}
        return client.post(reverse("case_finding", args=[case.pk]), data)
    return client.post(reverse("case_transition", args=[case.pk]), {"action": action, "note": "alasan tertulis"})


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_every_state_action_and_role(client, region_a, actors, state, action):
    users, owner_employee, subject_employee = actors
    move = workflow.transition(action)
    for role in ROLES:
        employee = subject_employee if role == "subject_bkd" else owner_employee
        case = make_case(region_a, employee, state=state, bap=True)
        client.force_login(users[role])
        response = post_action(client, case, action)
        case.refresh_from_db()
        allowed = role == "bkd" and move.leaves(state)
        where = f"{role} {action} from {state}"
        if allowed:
            assert case.state == move.target, where
            assert response.status_code == 302, where
            assert CaseTransition.objects.filter(case=case, action=action, from_state=state).exists(), where
            assert AuditEvent.objects.filter(action="netralitas.case.transition", object_id=str(case.pk)).exists()
            continue
        assert case.state == state, where
        assert not CaseTransition.objects.filter(case=case).exists(), where
        if role == "other_region_bkd":
            assert response.status_code == 404, where
        elif role != "bkd":
            assert response.status_code == 403, where
        else:  # the right role, an illegal move: refused with a message naming the state
            assert response.status_code in (302, 400), where
            text = response.content.decode() if response.status_code == 400 else ""
            text += " ".join(str(m) for m in get_messages(response.wsgi_request))
            assert str(workflow.state(state).label) in text, where


def test_every_transition_names_a_declared_capability_and_known_states():
    codes = {s.code for s in workflow.states()}
    for move in workflow.transitions():
        check(move.capability)
        assert move.target in codes
        assert move.sources == workflow.ANY_OPEN or set(move.sources) <= codes


def test_the_finding_needs_a_bap_or_two_absences(client, region_a, actors):
    users, owner_employee, _subject = actors
    client.force_login(users["bkd"])
    case = make_case(region_a, owner_employee, state="examination")
    response = post_action(client, case, "finding_proven")
    assert response.status_code == 400 and "BAP" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "examination"
    for days in (3, 2):
        Hearing.objects.create(
            case=case, kind="examination", place="BKD", attendance="absent",
            scheduled_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days),
        )  # fmt: skip
    assert post_action(client, case, "finding_proven").status_code == 302
    case.refresh_from_db()
    assert (case.state, case.finding_proven, case.finding_category) == ("recommendation", True, "disiplin_berat")


def test_a_reason_is_required_where_the_table_says(client, region_a, actors):
    users, owner_employee, _subject = actors
    client.force_login(users["bkd"])
    case = make_case(region_a, owner_employee, state="verification")
    client.post(reverse("case_transition", args=[case.pk]), {"action": "reject", "note": "  "})
    case.refresh_from_db()
    assert case.state == "verification"


def test_an_unknown_action_is_a_clear_message(client, region_a, actors):
    users, owner_employee, _subject = actors
    client.force_login(users["bkd"])
    case = make_case(region_a, owner_employee)
    response = client.post(reverse("case_transition", args=[case.pk]), {"action": "hapus", "note": "x"})
    assert response.status_code == 302
    assert "tidak dikenal" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_deadlines_count_indonesian_working_days_and_the_region_setting(region_a, actors, monkeypatch):
    from people.models import RegionHoliday
    from violations.models import ViolationSettings
    from violations.services import cases as services

    _users, owner_employee, _subject = actors
    friday = dt.date(2025, 3, 28)  # then: weekend, Idulfitri holidays (national), and a cuti bersama of the region
    monkeypatch.setattr(services, "region_today", lambda region: friday)
    RegionHoliday.objects.create(region=region_a, date=dt.date(2025, 4, 7), name="Cuti bersama Idulfitri")
    case = make_case(region_a, owner_employee)
    settings = ViolationSettings.for_region(region_a)
    settings.deadlines = {"verification": 2}
    settings.save()
    # Mon 31 Mar and Tue 1 Apr are Idulfitri, Mon 7 Apr the region's cuti bersama: 2 working days = 3 Apr.
    due = deadline_for(case, "verification")
    from people.workdays import add_working_days

    assert due == add_working_days(region_a.pk, friday, 2)
    assert due.weekday() < 5 and due > dt.date(2025, 4, 1)
    moved = case_transition(case=case, action="start_verification", by=None)
    assert moved.deadline == due


def test_another_app_extends_the_table_and_withdrawal_follows(region_a, actors):
    """The sanctions app's way in: register its states and moves; withdrawal leaves every open state."""
    _users, owner_employee, _subject = actors
    try:
        workflow.register_state("decided_test", "Diputus (uji)", open=True, deadline_days=5, order=60)
        workflow.register_transition(
            "decide_test", "Putuskan (uji)", sources={"recommendation"}, target="decided_test", capability="case.handle"
        )
        assert ("decided_test", "Diputus (uji)") in workflow.state_choices()
        case = make_case(region_a, owner_employee, state="recommendation")
        case = case_transition(case=case, action="decide_test", by=None)
        assert case.state == "decided_test" and case.deadline is not None
        case = case_transition(case=case, action="withdraw", by=None, note="dicabut pelapor")
        assert case.state == "withdrawn" and case.closed_at is not None
    finally:
        workflow._states.pop("decided_test", None)
        workflow._transitions.pop("decide_test", None)


def test_a_closed_state_cannot_be_withdrawn(region_a, actors):
    _users, owner_employee, _subject = actors
    case = make_case(region_a, owner_employee, state="stopped")
    with pytest.raises(workflow.InvalidTransition):
        case_transition(case=case, action="withdraw", by=None, note="x")
    assert Case.objects.get(pk=case.pk).state == "stopped"
