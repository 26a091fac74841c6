"""Append-only, hash-chained audit trail.

Every row carries ``seq`` (gapless, assigned under a lock on :class:`AuditChainHead`) and the hash of
the row before it, so a changed, inserted or deleted row breaks the chain; ``manage.py verify_audit``
names the first broken row. No foreign keys: deleting a user or region never touches the trail.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class AuditQuerySet(RegionScopedQuerySet):
    """Narrowed like every regional model (``visible_to(user, "audit.view")``); never changed."""

    region_field = "region_id"

    def update(self, **kwargs):
        raise AppendOnlyError("audit events are append-only")

    def delete(self):
        raise AppendOnlyError("audit events are append-only")


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(_("waktu"), db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(_("pelaku"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    region_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    data = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are append-only")

    def payload(self) -> dict:
        """The fields the hash covers, in a canonical JSON-safe form."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "region_id": self.region_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "data": self.data,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(self.payload(), sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


class AuditChainHead(models.Model):
    """A single row holding the chain's tip; locking it serialises writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self):
        return f"audit chain head #{self.last_seq}"


class LoggedModel(models.Model):
    """Mixin: ``obj.log_action("netralitas.x.changed", user=…, data=…)`` (after pretix)."""

    class Meta:
        abstract = True

    def audit_region_id(self):
        return getattr(self, "region_id", None)

    def log_action(self, action, *, user=None, before=None, after=None, data=None, request=None):
        from .services import audit_record

        return audit_record(action=action, actor=user, obj=self, before=before, after=after, data=data, request=request)
