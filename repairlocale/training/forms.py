"""Forms of the training module: they validate; services do the writes."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.core.forms import DateInput
from repairlocale.network.models import Membership, Organisation
from repairlocale.training.models import (
    Attendance,
    Attestation,
    Competency,
    Level,
    PlanAction,
    PlanGoal,
    ReviewMeeting,
    Trainee,
    TrainingSession,
)


class TraineeForm(forms.ModelForm):
    login_email = forms.EmailField(
        label=_("login (e-mail address)"),
        required=False,
        help_text=_(
            "Optional: the e-mail address of an existing account, so the trainee "
            "can read their own profile and plan."
        ),
    )

    class Meta:
        model = Trainee
        fields = [
            "first_name",
            "last_name",
            "programme",
            "start_date",
            "coaches",
            "status",
            "outflow_kind",
            "outflow_date",
        ]
        widgets = {
            "start_date": DateInput(),
            "outflow_date": DateInput(),
            "coaches": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["first_name"].required = True
        self.fields["coaches"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__organisation=organisation,
                memberships__role__gte=Membership.Role.EDITOR,
            )
            .order_by("first_name", "last_name")
        )
        if self.instance.pk and self.instance.user_id:
            self.initial["login_email"] = self.instance.user.email

    def clean_login_email(self):
        email = (self.cleaned_data.get("login_email") or "").strip()
        if not email:
            return None
        # Only an account the employer may speak for: a plain account, or one of
        # its own members. Linking gives the account read access to the trainee's
        # file, so a coordinator's or another organisation's account must never be
        # picked; and one answer for "no account" and "not this one" keeps the
        # form from telling which addresses have an account.
        User = get_user_model()
        user = (
            User.objects.filter(
                email__iexact=email,
                is_active=True,
                is_staff=False,
                is_superuser=False,
                global_role=User.GlobalRole.NONE,
            )
            .exclude(
                memberships__in=Membership.objects.exclude(
                    organisation=self.organisation
                )
            )
            .first()
        )
        refused = forms.ValidationError(
            _(
                "No account with this e-mail address can be linked: it must "
                "belong to nobody else's organisation."
            )
        )
        if user is None:
            raise refused
        other = Trainee.objects.filter(user=user).exclude(pk=self.instance.pk).first()
        if other is not None:
            # That someone is a trainee elsewhere is theirs to tell, not ours.
            if other.organisation_id != self.organisation.pk:
                raise refused
            raise forms.ValidationError(_("This account belongs to another trainee."))
        return user

    def _post_clean(self):
        # The service runs full_clean on the model; here only the form's own checks.
        pass

    def trainee_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.pop("coaches")
        data["user"] = self.cleaned_data.get("login_email")
        return data


class AssessmentForm(forms.Form):
    """One date, evidence and comment; a level for any competency of the version."""

    assessed_on = forms.DateField(label=_("date"), widget=DateInput())
    evidence = forms.CharField(
        label=_("evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you saw: repairs, appliance codes, situations."),
    )
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, competencies: list[Competency], current=None, **kw):
        super().__init__(*args, **kw)
        self.competencies = competencies
        self.initial.setdefault("assessed_on", timezone.localdate())
        current = current or {}
        choices = [("", _("not assessed now")), *Level.choices]
        for competency in competencies:
            field = forms.TypedChoiceField(
                label=competency.name,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": _(
                        "Level %(value)s is outside the scale: choose 1 to 4."
                    )
                },
            )
            level = current.get(competency.code)
            if level:
                field.help_text = _("Latest: %(level)s") % {"level": Level(level).label}
            self.fields[f"level_{competency.code}"] = field

    def level_fields(self):
        return [self[f"level_{c.code}"] for c in self.competencies]

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot lie in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.levels():
            raise forms.ValidationError(
                _("Choose a level for at least one competency.")
            )
        return cleaned

    def levels(self) -> dict[Competency, int]:
        return {
            c: self.cleaned_data[f"level_{c.code}"]
            for c in self.competencies
            if self.cleaned_data.get(f"level_{c.code}")
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["title", "competency_code", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, competencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency_code"] = forms.ChoiceField(
            label=_("competency"),
            required=False,
            choices=[("", "—"), *((c.code, c.name) for c in competencies)],
        )


class ActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["goal", "description", "owner", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, trainee: Trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = trainee.goals.all()


class MeetingForm(forms.ModelForm):
    class Meta:
        model = ReviewMeeting
        fields = ["held_on", "notes", "next_review_on"]
        widgets = {
            "held_on": DateInput(),
            "next_review_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A meeting cannot lie in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        held, nxt = cleaned.get("held_on"), cleaned.get("next_review_on")
        if held and nxt and nxt <= held:
            self.add_error(
                "next_review_on", _("The next review comes after this meeting.")
            )
        return cleaned


class AttestationForm(forms.ModelForm):
    class Meta:
        model = Attestation
        fields = ["kind", "title", "scope", "issued_by", "issued_on", "expires_on"]
        widgets = {"issued_on": DateInput(), "expires_on": DateInput()}

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of issue lies in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error(
                "expires_on", _("The expiry date must come after the date of issue.")
            )
        return cleaned

    def _post_clean(self):
        pass


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["title", "organiser", "pilot_region", "date", "place", "description"]
        widgets = {
            "date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisers, coordinator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["organiser"].required = not coordinator


class AttendanceForm(forms.Form):
    trainee = forms.ModelChoiceField(
        label=_("trainee"), queryset=Trainee.objects.none()
    )
    status = forms.ChoiceField(label=_("attendance"), choices=Attendance.Status.choices)

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = trainees


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = [
            "code",
            "area",
            "position",
            "name_nl",
            "name_en",
            "appliance_family",
            "level_1_nl",
            "level_1_en",
            "level_2_nl",
            "level_2_en",
            "level_3_nl",
            "level_3_en",
            "level_4_nl",
            "level_4_en",
        ]
        widgets = {
            f"level_{n}_{lang}": forms.Textarea(attrs={"rows": 2})
            for n in range(1, 5)
            for lang in ("nl", "en")
        }


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("what changed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("up to"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end lies before the start."))
        return cleaned

    def period(self):
        if not self.is_valid():
            return None
        start, end = (
            self.cleaned_data.get("date_from"),
            self.cleaned_data.get("date_to"),
        )
        if not start and not end:
            return None
        import datetime

        return (start or datetime.date(2000, 1, 1), end or timezone.localdate())
