"""seed_demo: idempotent, DEBUG only unless forced, demo data marked in the UI."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from repairlocale.accounts.models import User
from repairlocale.network.models import Hub, Membership, Organisation, Site
from repairlocale.network.reference import reference_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    reference_data_load()


def _counts():
    return (
        Organisation.objects.count(),
        Site.objects.count(),
        Hub.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_it_creates_the_network_and_one_user_per_role(reference, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--appliances", "30")
    out = capsys.readouterr().out
    for name in [
        "Repair&Share",
        "Herw!n",
        "Circular Hub Brugge",
        "Kringwinkel 't Rad",
        "Smart Loops",
        "Kringwinkel ViTeS",
        "Kringwinkel Hageland",
    ]:
        assert Organisation.objects.filter(name=name, is_demo=True).exists(), name
    assert Hub.objects.count() == 9
    assert Organisation.objects.filter(type="repair_cafe").count() >= 3
    assert "demo-manager-2026" in out
    assert User.objects.get(username="coordinator").is_network_coordinator
    assert User.objects.get(username="admin").is_superuser
    rad = Organisation.objects.get(name="Kringwinkel 't Rad")
    roles = dict(rad.memberships.values_list("user__username", "role"))
    assert roles == {
        "manager": Membership.Role.MANAGER,
        "editor": Membership.Role.EDITOR,
        "viewer": Membership.Role.VIEWER,
    }
    for site in Site.objects.all():
        site.full_clean()  # real postcodes that belong to the municipality


def test_running_it_twice_creates_nothing_new(reference, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--appliances", "30")
    before = _counts()
    call_command("seed_demo", "--appliances", "30")
    assert _counts() == before


def test_it_refuses_to_run_with_debug_off(reference, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo", "--appliances", "30")
    assert Organisation.objects.count() == 0


def test_forced_runs_use_random_passwords(reference, settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo", "--force", "--appliances", "30")
    out = capsys.readouterr().out
    assert "demo-manager-2026" not in out
    assert not User.objects.get(username="manager").check_password("demo-manager-2026")


def test_demo_data_is_marked_in_the_ui(reference, settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--appliances", "30")
    client.force_login(User.objects.get(username="coordinator"))
    response = client.get(reverse("network:organisation_list"))
    content = response.content.decode()
    assert "demo-banner" in content
    assert 'class="badge text-bg-warning"' in content
