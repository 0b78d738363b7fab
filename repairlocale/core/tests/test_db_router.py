"""Read replica routing: reads go to the replica, except during and after a write."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from repairlocale.core.db_router import PrimaryReplicaRouter, pin_primary
from repairlocale.core.middleware import PIN_COOKIE, PinPrimaryAfterWriteMiddleware
from repairlocale.network.models import Organisation

router = PrimaryReplicaRouter()


@pytest.fixture(autouse=True)
def _unpinned():
    pin_primary(False)
    yield
    pin_primary(False)


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    assert router.db_for_read(Organisation) == "replica"
    assert router.db_for_write(Organisation) == "default"
    assert router.allow_migrate("default", "network")
    assert not router.allow_migrate("replica", "network")
    assert router.allow_relation(object(), object())


def test_a_write_pins_reads_to_the_primary_for_a_while():
    seen = []

    def view(request):
        seen.append(router.db_for_read(Organisation))
        return HttpResponse()

    middleware = PinPrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    response = middleware(factory.post("/"))
    assert seen == ["default"]
    assert response.cookies[PIN_COOKIE]["max-age"] == 10

    middleware(factory.get("/"))
    assert seen[-1] == "replica"

    request = factory.get("/")
    request.COOKIES[PIN_COOKIE] = "1"
    middleware(request)
    assert seen[-1] == "default"
    # The pin never leaks into the next request on the same thread.
    assert router.db_for_read(Organisation) == "replica"
