"""Writing and checking the audit trail."""

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from core.client import client_ip

from .models import GENESIS_HASH, AuditChainHead, AuditEvent
from .selectors import chain_head


def _jsonable(value):
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


# Serialises the creation of the head row on PostgreSQL (any fixed number will do).
HEAD_CREATION_LOCK = 0x6E7461  # "nta"


def _locked_head() -> AuditChainHead:
    """The chain head, locked for this transaction; created once, by one writer, when the trail is empty.

    Two first writers must not both try to insert it: the database refuses a second head once the first
    writer's event exists (migration 0003), and that refusal is not the unique-key error get_or_create expects.
    """
    head = AuditChainHead.objects.select_for_update().filter(id=1).first()
    if head is not None:
        return head
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [HEAD_CREATION_LOCK])
    if not AuditChainHead.objects.filter(id=1).exists():
        AuditChainHead.objects.create(id=1)
    return AuditChainHead.objects.select_for_update().get(id=1)


def audit_record(
    *,
    action: str,
    actor=None,
    obj=None,
    region_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
    request=None,
) -> AuditEvent:
    """Append one event to the chain. Runs in (or opens) a transaction holding the chain lock."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if region_id is None and obj is not None:
        region_id = obj.audit_region_id() if hasattr(obj, "audit_region_id") else getattr(obj, "region_id", None)
    with transaction.atomic():
        head = _locked_head()
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_label=(actor.get_username() if actor is not None else "sistem")[:200],
            action=action,
            region_id=region_id,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            before=_jsonable(before),
            after=_jsonable(after),
            data=_jsonable(data),
            ip=client_ip(request) if request is not None else None,
            user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditChainHead.objects.filter(id=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass
class ChainProblem:
    seq: int | None  # the first row concerned; None when the problem is the head itself
    reason: str


@dataclass
class ChainReport:
    checked: int
    problem: ChainProblem | None
    head: tuple[int, str]  # (seq, hash) of the chain's tip: the anchor to copy off the server


def audit_verify_chain(*, chunk_size: int = 5000, anchor: tuple[int, str] | None = None) -> ChainReport:
    """Walk the chain in order and compare its head; with ``anchor`` (seq, hash), that row must still be there.

    The head and the rows are read in one transaction. A head missing while rows exist, rows the head does
    not cover and a head past the last row are problems. An anchor catches what a database owner who drops
    the triggers could still do unseen: cut the tail and rewind the head, rewrite the tail, wipe the trail.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for the head and every row: writers appending meanwhile are no false alarm.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        head = chain_head()
        checked, problem, tip = _walk(chunk_size, anchor)
        if problem is None:
            problem = _head_problem(head, checked, tip)
        if problem is None and anchor is not None and anchor[0] > checked:
            problem = ChainProblem(
                anchor[0],
                f"anchored row #{anchor[0]} is no longer in the chain (it ends at #{checked}): "
                "the tail was cut or the trail wiped",
            )
    return ChainReport(checked, problem, (checked, tip))


def _walk(chunk_size: int, anchor: tuple[int, str] | None) -> tuple[int, ChainProblem | None, str]:
    """(rows that check out, the first problem, the hash of the last good row)."""
    tip, checked = GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        problem = _row_problem(event, checked + 1, tip, anchor)
        if problem is not None:
            return checked, problem, tip
        tip, checked = event.hash, checked + 1
    return checked, None, tip


def _row_problem(event: AuditEvent, seq: int, prev_hash: str, anchor: tuple[int, str] | None) -> ChainProblem | None:
    if event.seq != seq:
        return ChainProblem(seq, f"row #{seq} is missing (next row is #{event.seq})")
    if event.prev_hash != prev_hash:
        return ChainProblem(seq, f"row #{seq} does not follow the row before it")
    if event.compute_hash() != event.hash:
        return ChainProblem(seq, f"row #{seq} was altered after it was written")
    if anchor is not None and anchor[0] == seq and anchor[1] != event.hash:
        reason = f"row #{seq} is not the anchored one (hash {event.hash[:12]}…, anchored {anchor[1][:12]}…)"
        return ChainProblem(seq, f"{reason}: the chain was rewritten from there on")
    return None


def _head_problem(head: AuditChainHead | None, checked: int, tip: str) -> ChainProblem | None:
    if head is None:
        if checked:
            return ChainProblem(None, f"the chain head is missing while {checked} rows exist")
        return None
    if head.last_seq > checked:
        return ChainProblem(checked + 1, f"rows after #{checked} are missing (chain head is #{head.last_seq})")
    if head.last_seq < checked:
        return ChainProblem(head.last_seq + 1, f"rows after the chain head #{head.last_seq} are not covered by it")
    if head.last_hash != tip:
        return ChainProblem(None, f"the chain head does not match row #{checked}")
    return None


def audit_verify(*, chunk_size: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (rows checked, first problem or None)."""
    report = audit_verify_chain(chunk_size=chunk_size)
    return report.checked, report.problem
