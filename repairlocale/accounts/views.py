"""Log in and out, password change and reset, profile, language switch."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from repairlocale.accounts.forms import ProfileForm
from repairlocale.core.ratelimit import client_address, hit, too_many_requests


def _set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # Start the session in the language the person chose in their profile.
        return _set_language_cookie(response, form.get_user().preferred_language)


# Password-reset mails per hour: per client address (one workshop shares one) and
# per e-mail address asked for, so nobody can flood a mailbox or our mail server.
PASSWORD_RESET_WINDOW = 60 * 60


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        email = (request.POST.get("email") or "").strip().casefold()
        keys = [
            (
                f"password-reset:ip:{client_address(request)}",
                getattr(settings, "PASSWORD_RESET_LIMIT_PER_ADDRESS", 10),
            ),
            (
                # Hashed: the address itself never becomes a cache key.
                "password-reset:email:" + hashlib.sha256(email.encode()).hexdigest(),
                getattr(settings, "PASSWORD_RESET_LIMIT_PER_EMAIL", 3),
            ),
        ]
        for key, limit in keys:
            retry = hit(key, limit=limit, window=PASSWORD_RESET_WINDOW)
            if retry is not None:
                return too_many_requests(request, retry)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # The link in the mail points at SITE_URL, never at the Host header of the
        # request: a forged Host (behind a lenient proxy or ALLOWED_HOSTS) would
        # otherwise send the reset token to someone else's server.
        site = urlsplit(settings.SITE_URL)
        self.extra_email_context = {"protocol": site.scheme, "domain": site.netloc}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # A reset is how a taken account is won back: Django ends every session
        # (the password hash changes); the API tokens, which outlive passwords,
        # end with them.
        from repairlocale.api.tokens import api_tokens_revoke_all

        response = super().form_valid(form)
        api_tokens_revoke_all(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def _tell_the_old_address(user, previous: str) -> None:
    """Tell the old address that the account's address changed (OWASP ASVS 4.0
    §2.2.3): if it was not its owner, they know at once whom to call."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        send_mail(
            _("Your e-mail address on Repair Locale was changed"),
            _(
                "The e-mail address of your account %(username)s on Repair Locale "
                "(%(site)s) was changed to %(email)s. If you did not do this, tell "
                "your organisation's manager or a network coordinator at once."
            )
            % {
                "username": user.get_username(),
                "site": settings.SITE_URL,
                "email": user.email,
            },
            None,
            [previous],
            fail_silently=True,
        )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        email_changed, previous = form.email_changed, form.previous_email
        user = form.save()
        if email_changed and previous:
            _tell_the_old_address(user, previous)
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        return _set_language_cookie(
            redirect("accounts:profile"), user.preferred_language
        )
    memberships = request.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(
        request, "accounts/profile.html", {"form": form, "memberships": memberships}
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything the platform keeps about the signed-in person (GDPR art. 15, 20)."""
    from repairlocale.core.privacy import person_export
    from repairlocale.core.views_privacy import export_response

    return export_response(person_export(request.user), "mijn-gegevens.json")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice on the profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and request.user.preferred_language != language
    ):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer: a page that says for how long and what to do."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
