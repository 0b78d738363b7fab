from django.urls import path

from repairlocale.cases.views import activities, cases, library

app_name = "cases"

urlpatterns = [
    path("activiteiten/", activities.activity_list, name="activity_list"),
    path("activiteiten/nieuw/", activities.activity_create, name="activity_create"),
    path("activiteiten/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path(
        "activiteiten/<int:pk>/bewerken/",
        activities.activity_edit,
        name="activity_edit",
    ),
    path(
        "activiteiten/<int:pk>/fotos/",
        activities.activity_photo_add,
        name="activity_photo_add",
    ),
    path(
        "activiteiten/<int:pk>/fotos/<int:photo_pk>/verwijderen/",
        activities.activity_photo_delete,
        name="activity_photo_delete",
    ),
    path(
        "activiteiten/<int:pk>/indienen/",
        activities.activity_submit,
        name="activity_submit",
    ),
    path(
        "activiteiten/<int:pk>/publiceren/",
        activities.activity_publish,
        name="activity_publish",
    ),
    path(
        "activiteiten/<int:pk>/terugsturen/",
        activities.activity_return,
        name="activity_return",
    ),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/nieuw/", cases.case_create, name="case_create"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/bewerken/", cases.case_edit, name="case_edit"),
    path("cases/<int:pk>/indienen/", cases.case_submit, name="case_submit"),
    path("cases/<int:pk>/publiceren/", cases.case_publish, name="case_publish"),
    path("cases/<int:pk>/terugsturen/", cases.case_return, name="case_return"),
    path("zoeken/", library.search, name="search"),
    path("lessen/", library.lessons, name="lessons"),
    path("nalezen/", library.review_queue, name="review_queue"),
]
