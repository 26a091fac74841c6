"""Writing and checking the audit trail."""

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditChainHead, AuditEvent


def _jsonable(value):
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
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
            ip=_client_ip(request),
            user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditChainHead.objects.filter(id=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass
class ChainProblem:
    seq: int
    reason: str


def audit_verify(*, chunk_size: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (rows checked, first problem or None)."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if event.seq != expected_seq:
            return checked, ChainProblem(expected_seq, f"row #{expected_seq} is missing (next row is #{event.seq})")
        if event.prev_hash != expected_prev:
            return checked, ChainProblem(event.seq, f"row #{event.seq} does not follow the row before it")
        if event.compute_hash() != event.hash:
            return checked, ChainProblem(event.seq, f"row #{event.seq} was altered after it was written")
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_seq != checked:
        return checked, ChainProblem(checked + 1, f"rows after #{checked} are missing (chain head is #{head.last_seq})")
    return checked, None
