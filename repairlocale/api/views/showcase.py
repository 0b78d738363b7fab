"""Activities and cases, and trainees, through the API.

Activities and cases follow ``cases.permissions``: anyone (signed in or not) reads
what is published; drafts only their owners and network coordinators. Trainees
follow ``training.permissions``: only the people who coach them (their coaches,
and the managers of the employer, who coach too) see them; nobody else, network
coordinators included, learns that they exist (404).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from repairlocale.api.serializers.showcase import (
    ActivitySerializer,
    CaseSerializer,
    TraineeSerializer,
)
from repairlocale.cases.filters import ActivityFilter, CaseFilter
from repairlocale.cases.models import Activity, Case, Factor
from repairlocale.cases.permissions import get_activity_for_user, get_case_for_user
from repairlocale.training.models import Trainee
from repairlocale.training.permissions import Access, get_trainee_for_user
from repairlocale.training.selectors import visible_trainees


class _PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    # Published material is public: no credentials needed to read it.
    permission_classes = [AllowAny]
    lookup_value_regex = r"[0-9]+"
    model = Activity
    helper = staticmethod(get_activity_for_user)

    def _base(self):
        return self.model.objects.for_list().prefetch_related("partners")

    def get_queryset(self):
        return self._base().visible_to(self.request.user)

    def get_object(self):
        user = self.request.user
        if not user.is_authenticated:
            return get_object_or_404(self._base().published(), pk=self.kwargs["pk"])
        found = self.helper(self.request, self.kwargs["pk"])
        return self._base().get(pk=found.pk)


class ActivityViewSet(_PublicReadViewSet):
    """Activities that put repair on the agenda: published ones for everyone, drafts
    for their owners."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["date", "title", "published_at"]
    ordering = ["-date", "title"]
    model = Activity
    helper = staticmethod(get_activity_for_user)

    def _base(self):
        return super()._base().select_related("activity_type")


class CaseViewSet(_PublicReadViewSet):
    """Cases with their success and failure factors: published ones for everyone,
    drafts for their owners."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    ordering_fields = ["published_at", "title", "created_at"]
    ordering = ["-published_at", "-created_at"]
    model = Case
    helper = staticmethod(get_case_for_user)

    def _base(self):
        return (
            super()
            ._base()
            .prefetch_related(
                Prefetch("factors", Factor.objects.order_by("kind", "pk"))
            )
        )


class TraineeViewSet(viewsets.ReadOnlyModelViewSet):
    """The trainees you coach (or whose employer you manage)."""

    serializer_class = TraineeSerializer
    lookup_value_regex = r"[0-9]+"
    ordering_fields = ["first_name", "last_name", "start_date"]
    ordering = ["first_name", "last_name", "pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Trainee.objects.none()
        user = self.request.user
        # The training list's own query, narrowed to coaching access (not the
        # trainee's own read-only view of themself).
        return visible_trainees(user).exclude(user=user).order_by(*self.ordering)

    def get_object(self):
        trainee, access = get_trainee_for_user(self.request, self.kwargs["pk"])
        if access < Access.COACH:
            # The trainee themself: their own data, through the pages only.
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied
        return trainee
