"""Login, ASN activation, password reset and the language switch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from ..forms.accounts import ActivationRequestForm, LoginForm
from ..services.accounts import (
    ACTIVATION,
    INVITATION,
    LANGUAGE_CODES,
    LinkPurpose,
    account_activate,
    account_activation_request,
    account_for_link,
    account_password_changed,
    current_language,
    user_language_set,
)

# The emailed token is moved here on the first GET; the page then lives at a token-free URL
# (Django's PasswordResetConfirmView does the same with "set-password").
SESSION_LINK = "_netralitas_account_link"
TOKEN_FREE = "atur-sandi"  # noqa: S105 — a URL segment, not a secret


def with_language(response, language: str):
    """Switch the UI to the user's own language (the cookie LocaleMiddleware reads)."""
    if language in LANGUAGE_CODES:
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """The language chosen in this browser (on the login page, say) stays; a browser that never
        chose one gets the account's. The account's own language changes only by the switch while
        logged in, so a shared office PC does not rewrite the next person's choice."""
        response = super().form_valid(form)
        if self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in LANGUAGE_CODES:
            return response
        return with_language(response, form.get_user().language)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        account_password_changed(user=form.user, how="changed", request=self.request)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        account_password_changed(user=form.user, how="reset", request=self.request)
        return response


@require_http_methods(["GET", "POST"])
def activation_request(request):
    form = ActivationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_activation_request(
            nip=form.cleaned_data["nip"], email=form.cleaned_data["email"], language=current_language()
        )
        return redirect("activation_sent")  # the same answer whether or not anything matched
    return render(request, "people/account_activation_request.html", {"form": form})


def activation_sent(request):
    return render(request, "people/account_activation_sent.html")


def _link_confirm(request, uidb64: str, token: str, purpose: LinkPurpose):
    """First visit (from the mail): check the token, park it in the session, redirect to a token-free URL.
    There: the set-password form. A GET never uses the link up; only the POST that sets a password does."""
    if token != TOKEN_FREE:
        if account_for_link(uidb64, token, purpose) is None:
            return render(request, "people/account_activation_invalid.html")
        request.session[SESSION_LINK] = {"purpose": purpose.credential, "uid": uidb64, "token": token}
        return redirect(purpose.url_name, uidb64=uidb64, token=TOKEN_FREE)
    parked = request.session.get(SESSION_LINK) or {}
    user = None
    if parked.get("purpose") == purpose.credential and parked.get("uid") == uidb64:
        user = account_for_link(uidb64, parked.get("token", ""), purpose)
    if user is None:
        return render(request, "people/account_activation_invalid.html")
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_activate(user=user, password=form.cleaned_data["new_password1"], request=request)
        request.session.pop(SESSION_LINK, None)
        login(request, user, backend="people.backends.NetralitasBackend")
        messages.success(request, _("Akun Anda sudah aktif. Selamat datang!"))
        return with_language(redirect("home"), user.language)
    return render(request, "people/account_activation_confirm.html", {"form": form, "account": user})


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def activation_confirm(request, uidb64, token):
    return _link_confirm(request, uidb64, token, ACTIVATION)


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_confirm(request, uidb64, token):
    return _link_confirm(request, uidb64, token, INVITATION)


@require_POST
def language_set(request):
    """Django's set_language, plus: a logged-in user's choice is kept on their account."""
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response
