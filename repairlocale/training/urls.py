from django.urls import path

from repairlocale.training.views import (
    assessments,
    framework,
    overview,
    plans,
    privacy,
    sessions,
    trainees,
)

app_name = "training"

urlpatterns = [
    path("", trainees.home, name="home"),
    path(
        "organisatie/<int:org_pk>/nieuw/",
        trainees.trainee_create,
        name="trainee_create",
    ),
    path("deelnemer/<int:pk>/", trainees.trainee_detail, name="trainee_detail"),
    path("deelnemer/<int:pk>/bewerken/", trainees.trainee_edit, name="trainee_edit"),
    path("deelnemer/<int:pk>/bewijs/", trainees.evidence, name="evidence"),
    path(
        "deelnemer/<int:pk>/beoordelen/",
        assessments.assessment_create,
        name="assessment_create",
    ),
    path(
        "deelnemer/<int:pk>/historiek/",
        assessments.assessment_history,
        name="assessment_history",
    ),
    path(
        "deelnemer/<int:pk>/suggesties/",
        assessments.suggestion_decide_view,
        name="suggestion_decide",
    ),
    path("deelnemer/<int:pk>/pop/", plans.plan, name="plan"),
    path("deelnemer/<int:pk>/pop/doel/", plans.goal_add_view, name="goal_add"),
    path("deelnemer/<int:pk>/pop/actie/", plans.action_add_view, name="action_add"),
    path("deelnemer/<int:pk>/pop/gesprek/", plans.meeting_add_view, name="meeting_add"),
    path("deelnemer/<int:pk>/pop/status/", plans.plan_status, name="plan_status"),
    path("deelnemer/<int:pk>/pop.pdf", plans.plan_pdf, name="plan_pdf"),
    path(
        "deelnemer/<int:pk>/attesten/nieuw/",
        plans.attestation_create,
        name="attestation_create",
    ),
    path("deelnemer/<int:pk>/export.json", privacy.export_json, name="export_json"),
    path("deelnemer/<int:pk>/export.pdf", privacy.export_pdf, name="export_pdf"),
    path("deelnemer/<int:pk>/wissen/", privacy.erase, name="erase"),
    path("kader/", framework.framework_list, name="framework_list"),
    path("kader/nieuwe-versie/", framework.framework_draft, name="framework_draft"),
    path("kader/<int:number>/", framework.framework_detail, name="framework_detail"),
    path(
        "kader/<int:number>/publiceren/",
        framework.framework_publish_view,
        name="framework_publish",
    ),
    path(
        "kader/<int:number>/competenties/nieuw/",
        framework.competency_add,
        name="competency_add",
    ),
    path("competenties/<int:pk>/", framework.competency_edit, name="competency_edit"),
    path("sessies/", sessions.session_list, name="session_list"),
    path("sessies/nieuw/", sessions.session_create_view, name="session_create"),
    path("sessies/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("overzicht/", overview.overview, name="overview"),
    path("overzicht.csv", overview.overview_csv, name="overview_csv"),
]
