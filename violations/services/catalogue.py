"""Changing the catalogue: every edit is a new version (cases keep theirs), retiring is not deleting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import CatalogueProposal, ProhibitedActivity, SuggestionRule
from ..suggest import Analyzer, parse_rules

EDITABLE = ["title", "title_en", "description", "legal_basis", "category", "stage", "counterpart_code"]
EDITABLE += ["sanctions_allowed", "confidence"]


@transaction.atomic
def activity_save(*, code: str, data: dict, note: str = "", by, request=None) -> ProhibitedActivity:
    """A new entry (version 1) or a new version of ``code``; the version before stops being current."""
    code = code.strip().upper()
    current = ProhibitedActivity.objects.select_for_update().filter(code=code, is_current=True).first()
    if current is not None and all(getattr(current, f) == data.get(f, getattr(current, f)) for f in EDITABLE):
        return current
    version = (ProhibitedActivity.objects.filter(code=code).order_by("-version").values_list("version", flat=True)
               .first() or 0) + 1  # fmt: skip
    if current is not None:
        ProhibitedActivity.objects.filter(pk=current.pk).update(is_current=False)
    entry = ProhibitedActivity(code=code, version=version, change_note=note.strip(), created_by=by, is_current=True)
    for name in EDITABLE:
        setattr(entry, name, data.get(name, getattr(current, name, "") if current else ""))
    entry.sanctions_allowed = list(entry.sanctions_allowed or [])
    entry.retired_at = current.retired_at if current else None
    entry.full_clean(exclude=["created_by"])
    entry.save()
    audit_record(
        action="netralitas.catalogue.version_added" if current else "netralitas.catalogue.entry_added",
        actor=by,
        obj=entry,
        before=current.snapshot() if current else None,
        after=entry.snapshot(),
        data={"note": note.strip()},
        request=request,
    )
    return entry


@transaction.atomic
def activity_retire(*, entry: ProhibitedActivity, retire: bool, by, request=None) -> ProhibitedActivity:
    """Retire an entry (no longer offered for new cases) or bring it back; cases that use it keep it."""
    entry.retired_at = timezone.now() if retire else None
    entry.save(update_fields=["retired_at"])
    audit_record(
        action="netralitas.catalogue.retired" if retire else "netralitas.catalogue.restored",
        actor=by,
        obj=entry,
        request=request,
    )
    return entry


@transaction.atomic
def rules_save(*, code: str, rules: str, by, request=None) -> SuggestionRule:
    """The suggester's words for one code; a line it cannot read is refused with its number."""
    try:
        parse_rules(rules, Analyzer({}))
    except ValueError as exc:
        raise ValidationError({"rules": str(exc)}) from None
    rule, _created = SuggestionRule.objects.get_or_create(code=code, defaults={"rules": rules})
    before = rule.rules
    rule.rules, rule.updated_by = rules.strip(), by
    rule.save()
    audit_record(
        action="netralitas.catalogue.rules_changed",
        actor=by,
        obj=rule,
        before={"rules": before},
        after={"rules": rule.rules},
        request=request,
    )
    return rule


@transaction.atomic
def proposal_create(*, region, data: dict, by, request=None) -> CatalogueProposal:
    proposal = CatalogueProposal.objects.create(region=region, proposed_by=by, **data)
    audit_record(
        action="netralitas.catalogue.proposed", actor=by, obj=proposal, after={"title": proposal.title},
        request=request,
    )  # fmt: skip
    return proposal


@transaction.atomic
def proposal_decide(*, proposal: CatalogueProposal, accept: bool, code: str = "", note: str = "", by, request=None):
    """Accept (the proposal becomes a catalogue entry under ``code``) or reject it, with a note."""
    proposal = CatalogueProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != CatalogueProposal.Status.PENDING:
        raise ValidationError(_("Usulan ini sudah diputus."))
    if accept:
        code = code.strip().upper()
        if not code:
            raise ValidationError({"code": _("Beri kode untuk entri baru.")})
        if ProhibitedActivity.objects.filter(code=code).exists():
            raise ValidationError({"code": _("Kode %(code)s sudah dipakai.") % {"code": code}})
        proposal.entry = activity_save(
            code=code,
            data={
                "title": proposal.title, "description": proposal.description, "legal_basis": proposal.legal_basis,
                "category": proposal.category, "stage": proposal.stage, "confidence": "unconfirmed",
                "counterpart_code": "", "title_en": "", "sanctions_allowed": [],
            },
            note=_("Dari usulan #%(id)s") % {"id": proposal.pk},
            by=by,
            request=request,
        )  # fmt: skip
    proposal.status = CatalogueProposal.Status.ACCEPTED if accept else CatalogueProposal.Status.REJECTED
    proposal.decided_by, proposal.decided_at, proposal.decision_note = by, timezone.now(), note.strip()
    proposal.save()
    audit_record(
        action="netralitas.catalogue.proposal_decided",
        actor=by,
        obj=proposal,
        after={"status": proposal.status, "entry": proposal.entry.code if proposal.entry else None},
        request=request,
    )
    return proposal
