from django.urls import path

from repairlocale.dashboards import views_report

urlpatterns = [
    path("", views_report.report_list, name="report_list"),
    path("nieuw/", views_report.report_create, name="report_create"),
    path("<int:pk>/", views_report.report_detail, name="report_detail"),
    path("<int:pk>/voortgang/", views_report.report_progress, name="report_progress"),
    path("<int:pk>/opnieuw/", views_report.report_regenerate, name="report_regenerate"),
    path("<int:pk>/pdf/", views_report.report_pdf, name="report_pdf"),
    path("<int:pk>/xlsx/", views_report.report_xlsx, name="report_xlsx"),
]
