"""Pakta templates for staff: the versions of each text, a preview with sample data, new versions, publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.tenancy import get_for_user, has_capability, region_ids_with, require_capability

from ..forms.pakta import TemplateForm
from ..models import PactTemplate
from ..selectors import pakta as selectors
from ..services import pakta_text
from ..services.pakta import PaktaError, template_create, template_edit, template_publish


def _template(request, template_id: int, capability: str) -> PactTemplate:
    return get_for_user(PactTemplate.objects.select_related("region"), request.user, capability, pk=template_id)


@require_GET
@login_required
def template_list(request):
    require_capability(request.user, "pakta.view")
    can_manage = bool(region_ids_with(request.user, "pakta.manage"))
    rows = selectors.templates(user=request.user)
    return render(request, "pledges/pakta/template_list.html", {"templates": rows, "can_manage": can_manage})


@require_GET
@login_required
def template_detail(request, template_id: int):
    template = _template(request, template_id, "pakta.view")
    preview = pakta_text.render_html(pakta_text.personalise(template.body, pakta_text.sample_personal(template.region)))
    context = {
        "template": template,
        "preview": preview,
        "can_manage": has_capability(request.user, template.region_id, "pakta.manage"),
        "versions": selectors.templates(user=request.user).filter(family=template.family),
    }
    return render(request, "pledges/pakta/template_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_create_view(request):
    require_capability(request.user, "pakta.manage")
    form = TemplateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            template = template_create(
                region=data["region"],
                title=data["title"],
                body=data["body"],
                place=data["place"],
                by=request.user,
                request=request,
            )
        except PaktaError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, _("Templat disimpan sebagai draf. Periksa pratinjaunya lalu terbitkan."))
            return redirect("pact_template_detail", template_id=template.pk)
    return render(request, "pledges/pakta/template_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit_view(request, template_id: int):
    template = _template(request, template_id, "pakta.manage")
    form = TemplateForm(request.POST or None, user=request.user, template=template)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = template_edit(
                template=template,
                title=data["title"],
                body=data["body"],
                place=data["place"],
                by=request.user,
                request=request,
            )
        except PaktaError as exc:
            form.add_error("body", str(exc))
        else:
            if saved.pk != template.pk:
                messages.success(
                    request,
                    _("Versi %(v)s dibuat sebagai draf; versi yang sudah terbit tidak berubah.") % {"v": saved.version},
                )
            else:
                messages.success(request, _("Draf disimpan."))
            return redirect("pact_template_detail", template_id=saved.pk)
    return render(request, "pledges/pakta/template_form.html", {"form": form, "template": template})


@login_required
@require_POST
def template_publish_view(request, template_id: int):
    template = _template(request, template_id, "pakta.manage")
    try:
        template_publish(template=template, by=request.user, request=request)
    except PaktaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Versi ini diterbitkan dan tidak dapat diubah lagi; perubahan membuat versi baru."))
    return redirect("pact_template_detail", template_id=template.pk)
