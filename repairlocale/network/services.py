"""Multi-model writes of the network registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from repairlocale.network.models import Membership, Organisation

if TYPE_CHECKING:
    from repairlocale.accounts.models import User


def _username_for(email: str) -> str:
    UserModel = get_user_model()
    base = email.split("@", 1)[0][:140] or "user"
    candidate, n = base, 1
    while UserModel.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _send_invitation(*, membership: Membership, new_account: bool) -> None:
    user = membership.user
    context = {
        "membership": membership,
        "user": user,
        "site_url": settings.SITE_URL,
        "new_account": new_account,
        "organisation_url": settings.SITE_URL
        + reverse("network:organisation_detail", args=[membership.organisation_id]),
    }
    if new_account:
        context["set_password_url"] = settings.SITE_URL + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    # The invitee reads the mail in their own language, not the inviter's.
    with translation.override(user.preferred_language):
        subject = _("Invitation to %(organisation)s on Repair Locale") % {
            "organisation": membership.organisation.name
        }
        body = render_to_string("network/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def membership_invite(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: int,
    invited_by: User,
    language: str | None = None,
) -> Membership:
    """Add a person to an organisation, creating their account when it is new.

    A new account has no usable password; the invitation mail carries a one-time
    link to choose one (the password-reset token, valid PASSWORD_RESET_TIMEOUT).
    The mail is sent only after the transaction commits.
    """
    UserModel = get_user_model()
    email = UserModel.objects.normalize_email(email).strip()
    with transaction.atomic():
        user = UserModel.objects.filter(email__iexact=email).first()
        new_account = user is None
        if user is None:
            user = UserModel(
                username=_username_for(email),
                email=email,
                first_name=first_name,
                last_name=last_name,
                preferred_language=language or settings.LANGUAGE_CODE,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
        membership = Membership(
            user=user, organisation=organisation, role=role, invited_by=invited_by
        )
        membership.full_clean()
        membership.save()
        transaction.on_commit(
            lambda: _send_invitation(membership=membership, new_account=new_account)
        )
    return membership


def _ensure_a_manager_remains(membership: Membership, new_role: int | None) -> None:
    if membership.role < Membership.Role.MANAGER:
        return
    if new_role is not None and new_role >= Membership.Role.MANAGER:
        return
    others = (
        Membership.objects.select_for_update()
        .filter(organisation=membership.organisation, role__gte=Membership.Role.MANAGER)
        .exclude(pk=membership.pk)
    )
    if not list(others):
        raise ValidationError(
            _(
                "An organisation needs at least one manager. Make someone else a "
                "manager first."
            )
        )


def membership_change_role(*, membership: Membership, role: int) -> Membership:
    """Change a member's role, keeping at least one manager in the organisation."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_a_manager_remains(membership, role)
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role", "updated_at"])
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Remove a member, keeping at least one manager in the organisation."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_a_manager_remains(membership, None)
        membership.delete()
