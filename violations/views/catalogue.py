"""The catalogue pages: the entries in force (searchable), their versions, changes by its managers, the
suggester's words, proposals of new entries, and how well the suggester does per region.

Catalogue entries are national data, named by ``?code=`` (not a Pemda's row); proposals belong to a Pemda.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.tenancy import get_for_user, region_ids_with, require_capability

from .. import selectors
from ..forms import ActivityForm, ProposalDecisionForm, ProposalForm, RulesForm
from ..models import CatalogueProposal, ProhibitedActivity, SuggestionRule
from ..services import catalogue as services
from ._common import form_errors


def _entry(request) -> ProhibitedActivity:
    code = (request.GET.get("code") or request.POST.get("code") or "").strip().upper()
    entry = ProhibitedActivity.objects.filter(code=code, is_current=True).first() if code else None
    if entry is None:
        raise Http404
    return entry


def _detail_url(code: str) -> str:
    return f"{reverse('catalogue_detail')}?code={code}"


@login_required
def catalogue_list(request):
    require_capability(request.user, "catalogue.view")
    query = (request.GET.get("q") or "").strip()
    entries = ProhibitedActivity.objects.filter(is_current=True).order_by("code")
    if query:
        entries = entries.filter(Q(code__icontains=query) | Q(title__icontains=query) | Q(legal_basis__icontains=query))
    context = {
        "entries": entries,
        "query": query,
        "can_manage": bool(region_ids_with(request.user, "catalogue.manage")),
    }
    return render(request, "violations/catalogue_list.html", context)


@login_required
def catalogue_detail(request):
    require_capability(request.user, "catalogue.view")
    entry = _entry(request)
    context = {
        "entry": entry,
        "versions": ProhibitedActivity.objects.filter(code=entry.code).order_by("-version"),
        "rules": SuggestionRule.objects.filter(code=entry.code).first(),
        "can_manage": bool(region_ids_with(request.user, "catalogue.manage")),
    }
    return render(request, "violations/catalogue_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit(request):
    """A new entry (no ``code``) or a new version of one."""
    require_capability(request.user, "catalogue.manage")
    entry = _entry(request) if (request.GET.get("code") or request.POST.get("entry")) else None
    if entry is None and request.POST.get("entry"):
        raise Http404
    form = ActivityForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(
                code=entry.code if entry else form.cleaned_data["code"], data=form.service_data(),
                note=form.cleaned_data["note"], by=request.user, request=request,
            )  # fmt: skip
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("%(code)s versi %(v)s disimpan.") % {"code": saved.code, "v": saved.version})
            return redirect(_detail_url(saved.code))
    return render(request, "violations/catalogue_edit.html", {"form": form, "entry": entry})


@login_required
@require_POST
def catalogue_retire(request):
    require_capability(request.user, "catalogue.manage")
    entry = _entry(request)
    services.activity_retire(entry=entry, retire=entry.retired_at is None, by=request.user, request=request)
    messages.success(request, _("%(code)s diperbarui.") % {"code": entry.code})
    return redirect(_detail_url(entry.code))


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_rules(request):
    require_capability(request.user, "catalogue.manage")
    entry = _entry(request)
    rule = SuggestionRule.objects.filter(code=entry.code).first()
    form = RulesForm(request.POST or None, initial={"rules": rule.rules if rule else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_save(code=entry.code, rules=form.cleaned_data["rules"], by=request.user, request=request)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Kata kunci %(code)s disimpan.") % {"code": entry.code})
            return redirect(_detail_url(entry.code))
    return render(request, "violations/catalogue_rules.html", {"form": form, "entry": entry})


@login_required
def proposal_list(request):
    require_capability(request.user, "catalogue.view")
    proposals = CatalogueProposal.objects.visible_to(request.user, "catalogue.view").select_related(
        "region", "proposed_by", "entry"
    )
    context = {
        "proposals": proposals,
        "can_propose": bool(region_ids_with(request.user, "catalogue.propose")),
        "can_manage": bool(region_ids_with(request.user, "catalogue.manage")),
        "decision_form": ProposalDecisionForm(),
    }
    return render(request, "violations/proposal_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request):
    require_capability(request.user, "catalogue.propose")
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "region"}
        services.proposal_create(region=form.cleaned_data["region"], data=data, by=request.user, request=request)
        messages.success(request, _("Usulan dikirim ke administrator katalog."))
        return redirect("proposal_list")
    return render(request, "violations/proposal_add.html", {"form": form})


@login_required
@require_POST
def proposal_decide(request, proposal_id: int):
    proposal = get_for_user(CatalogueProposal.objects, request.user, "catalogue.manage", pk=proposal_id)
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih terima atau tolak."))
        return redirect("proposal_list")
    try:
        services.proposal_decide(proposal=proposal, by=request.user, request=request, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Usulan “%(title)s” diputus.") % {"title": proposal.title})
    return redirect("proposal_list")


@login_required
def suggester_stats(request):
    require_capability(request.user, "case.view")
    return render(request, "violations/suggester_stats.html", {"rows": selectors.suggester_stats(user=request.user)})
