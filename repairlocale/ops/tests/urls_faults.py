"""A view that writes a row and then fails to store a file (tests only)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config import urls as project_urls
from repairlocale.cases.models import Tag


@csrf_exempt
def write_then_fail(request):
    Tag.objects.create(name=request.POST["name"])
    if request.POST.get("fail"):
        raise OSError(int(request.POST["fail"]), "simulated storage failure")
    return HttpResponse("saved")


# The project's URLs too: the error page links to the start page.
urlpatterns = [
    path("write-then-fail/", write_then_fail, name="write_then_fail"),
    *project_urls.urlpatterns,
]
