"""The case workflow: one table of states, the allowed transitions, the capability that may take each, and
each state's deadline in Indonesian working days (DESIGN.md "Case workflow", reference.md §4.2).

Views, services and tasks ask this module; none of them decides on its own which move is legal. The table is
open for the apps above (the sanctions app adds the decision by the PPK and what follows it) through a small
registration API, called from their ``AppConfig.ready()``::

    from violations import workflow

    workflow.register_state("decided", _("Diputus PPK"), open=True, deadline_days=14, order=60)
    workflow.register_transition(
        "decide", _("Tetapkan keputusan PPK"), sources={"recommendation"}, target="decided",
        capability="sanction.approve", needs_note=True,
    )

The violations app's own part ends with the examination's finding (LHP): ``recommendation`` (proven,
waiting for the PPK) is where the sanctions app takes over; ``stopped`` (not proven), ``rejected`` (not
an ASN of this Pemda, nothing to pursue) and ``withdrawn`` end a case here. ``withdraw`` leaves every open
state, including the states other apps register. Every transition goes through
``violations.services.cases.case_transition``, which records it (CaseTransition + audit) and sends the
``case_transitioned`` signal (violations/signals.py) for the apps that react to one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ANY_OPEN = "__any_open__"


class InvalidTransition(Exception):
    """A move the table does not allow from the case's state (or whose precondition is not met)."""


@dataclass(frozen=True)
class State:
    code: str
    label: str | Promise
    open: bool  # an open case can be withdrawn, has a deadline, and is reminded when overdue
    deadline_days: int | None  # default working days in this state (a region may set others); None: no deadline
    order: int = 100
    help_text: str | Promise = ""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[str] | str  # state codes, or ANY_OPEN
    target: str
    capability: str
    needs_note: bool = False  # a reason / reasoning is required and recorded
    guard: Callable | None = None  # guard(case) -> None, or the message that refuses the move
    order: int = 100
    style: str = "primary"  # how the page shows its button (primary, outline-danger, ...)
    form: bool = False  # taken through a dedicated form (the finding), not the generic note dialog
    extra: dict = field(default_factory=dict)

    def leaves(self, state: str) -> bool:
        if self.sources == ANY_OPEN:
            return is_open(state)
        return state in self.sources


_states: dict[str, State] = {}
_transitions: dict[str, Transition] = {}


def register_state(
    code: str, label, *, open: bool, deadline_days: int | None = None, order: int = 100, help_text=""
) -> State:
    """Add a state (or redefine one an app owns). Codes fit Case.state (30 characters)."""
    if len(code) > 30:
        raise ValueError(f"state code {code!r} is longer than 30 characters")
    state = State(code, label, open, deadline_days, order, help_text)
    _states[code] = state
    return state


def register_transition(
    action: str,
    label,
    *,
    sources,
    target: str,
    capability: str,
    needs_note: bool = False,
    guard: Callable | None = None,
    order: int = 100,
    style: str = "primary",
    form: bool = False,
) -> Transition:
    """Allow ``action`` from ``sources`` (state codes or ANY_OPEN) to ``target`` for holders of ``capability``."""
    # The capability is checked by the views (get_for_user); models import this module before the apps'
    # capabilities are declared, so a test (tests/violations/test_workflow.py) checks the names instead.
    sources = sources if sources == ANY_OPEN else frozenset(sources)
    transition = Transition(action, label, sources, target, capability, needs_note, guard, order, style, form)
    _transitions[action] = transition
    return transition


def state(code: str) -> State:
    try:
        return _states[code]
    except KeyError:
        raise InvalidTransition(f"unknown case state {code!r}") from None


def states() -> list[State]:
    return sorted(_states.values(), key=lambda s: (s.order, s.code))


def state_choices() -> list[tuple[str, str]]:
    """Case.state's choices (a callable: a state another app registers needs no migration here)."""
    return [(s.code, s.label) for s in states()]


def open_states() -> list[str]:
    return [s.code for s in states() if s.open]


def is_open(code: str) -> bool:
    return code in _states and _states[code].open


def transitions() -> list[Transition]:
    return sorted(_transitions.values(), key=lambda t: (t.order, t.action))


def transition(action: str) -> Transition:
    try:
        return _transitions[action]
    except KeyError:
        raise InvalidTransition(_("Tindakan “%(action)s” tidak dikenal.") % {"action": action}) from None


def transitions_from(code: str) -> list[Transition]:
    return [t for t in transitions() if t.leaves(code)]


def check(case, action: str, *, note: str = "") -> Transition:
    """The transition, if the table allows it from the case's state and its precondition holds; else
    InvalidTransition with a message for the user. Whether the user may take it is the view's check
    (``get_for_user(Case.objects, user, transition.capability, ...)``)."""
    move = transition(action)
    if not move.leaves(case.state):
        raise InvalidTransition(
            _("“%(action)s” tidak dapat dilakukan pada kasus berstatus “%(state)s”.")
            % {"action": move.label, "state": state(case.state).label}
        )
    if move.needs_note and not (note or "").strip():
        raise InvalidTransition(_("“%(action)s” memerlukan alasan tertulis.") % {"action": move.label})
    if move.guard is not None:
        refusal = move.guard(case)
        if refusal:
            raise InvalidTransition(refusal)
    return move


def deadline_days(code: str, overrides: dict | None = None) -> int | None:
    """A state's deadline in working days: the region's own setting when valid, else the table's."""
    default = state(code).deadline_days
    if default is None:
        return None
    value = (overrides or {}).get(code)
    return value if isinstance(value, int) and value > 0 else default


# --- the violations app's part of the table ----------------------------------------------------------

RECEIVED, VERIFICATION, CLARIFICATION, EXAMINATION = "received", "verification", "clarification", "examination"
RECOMMENDATION, STOPPED, REJECTED, WITHDRAWN = "recommendation", "stopped", "rejected", "withdrawn"
# The states in which the examination may hear the ASN, and the ASN may answer in writing.
HEARING_STATES = (CLARIFICATION, EXAMINATION)


def _finding_guard(case) -> str | None:
    """PP 94/2021: the ASN is heard first; absent twice after a summons, the finding rests on the evidence."""
    from .models import CaseDocument, Hearing

    if case.documents.filter(kind=CaseDocument.Kind.BAP_EXAMINATION).exists():
        return None
    absent = case.hearings.filter(kind=Hearing.Kind.EXAMINATION, attendance=Hearing.Attendance.ABSENT).count()
    if absent >= 2:
        return None
    return str(
        _(
            "LHP belum dapat dibuat: unggah BAP pemeriksaan yang sudah ditandatangani, atau catat dua panggilan "
            "pemeriksaan yang tidak dihadiri (maka LHP diputus berdasarkan bukti)."
        )
    )


register_state(RECEIVED, _("Diterima"), open=True, deadline_days=3, order=10)
register_state(
    VERIFICATION, _("Verifikasi"), open=True, deadline_days=5, order=20,
    help_text=_("Apakah terlapor ASN Pemda ini, dan apakah laporan cukup untuk ditindaklanjuti?"),
)  # fmt: skip
register_state(CLARIFICATION, _("Klarifikasi"), open=True, deadline_days=10, order=30)
register_state(EXAMINATION, _("Pemeriksaan"), open=True, deadline_days=15, order=40)
# The sanctions app takes over here (its own deadline for the PPK's decision).
register_state(RECOMMENDATION, _("LHP: terbukti, menunggu keputusan PPK"), open=True, deadline_days=None, order=50)
register_state(STOPPED, _("Dihentikan: tidak terbukti"), open=False, order=900)
register_state(REJECTED, _("Tidak ditindaklanjuti"), open=False, order=910)
register_state(WITHDRAWN, _("Dicabut"), open=False, order=920)

register_transition(
    "start_verification", _("Mulai verifikasi"), sources={RECEIVED}, target=VERIFICATION,
    capability="case.handle", order=10,
)  # fmt: skip
register_transition(
    "verify", _("Terverifikasi: lanjut klarifikasi"), sources={VERIFICATION}, target=CLARIFICATION,
    capability="case.handle", order=20,
)  # fmt: skip
register_transition(
    "reject", _("Tidak ditindaklanjuti"), sources={RECEIVED, VERIFICATION}, target=REJECTED,
    capability="case.handle", needs_note=True, order=25, style="outline-secondary",
)  # fmt: skip
register_transition(
    "start_examination", _("Lanjut ke pemeriksaan"), sources={CLARIFICATION}, target=EXAMINATION,
    capability="case.handle", order=30,
)  # fmt: skip
register_transition(
    "stop", _("Hentikan: tidak cukup dasar"), sources={CLARIFICATION}, target=STOPPED,
    capability="case.handle", needs_note=True, order=35, style="outline-secondary",
)  # fmt: skip
register_transition(
    "finding_proven", _("LHP: terbukti"), sources={EXAMINATION}, target=RECOMMENDATION,
    capability="case.handle", needs_note=True, guard=_finding_guard, order=40, form=True,
)  # fmt: skip
register_transition(
    "finding_not_proven", _("LHP: tidak terbukti"), sources={EXAMINATION}, target=STOPPED,
    capability="case.handle", needs_note=True, guard=_finding_guard, order=41, form=True,
)  # fmt: skip
register_transition(
    "withdraw", _("Cabut kasus"), sources=ANY_OPEN, target=WITHDRAWN,
    capability="case.handle", needs_note=True, order=990, style="outline-danger",
)  # fmt: skip
