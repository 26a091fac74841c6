"""Reading the audit trail."""

from .models import AuditChainHead


def chain_head() -> AuditChainHead | None:
    """The chain's tip (one row, id 1), or None before the first event."""
    return AuditChainHead.objects.filter(id=1).first()
