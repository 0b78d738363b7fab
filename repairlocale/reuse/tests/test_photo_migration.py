"""Migration 0004/0005: the single Appliance.photo becomes an AppliancePhoto row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reuse", "0003_step_trainee")]

# Schema changes: a real transaction per migration (SQLite cannot alter tables
# inside the test's transaction). The root conftest reloads the reference rows for
# transactional tests; serialized_rollback is not used, as it clashes with the
# content types another transactional test's flush recreates.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_single_photo_moves_to_the_photo_table_and_back(personas):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Appliance = old.get_model("reuse", "Appliance")
    category = old.get_model("repairs", "ProductCategory").objects.get(
        ords_name="Coffee maker"
    )
    common = {
        "organisation_id": personas.rad.pk,
        "channel": "home_pickup",
        "product_category": category,
        "eee_category": "5",
        "device_name": "Koffiezetapparaat",
        "weight_kg": "1.60",
        "registered_by_id": personas.editor.pk,
    }
    with_photo = Appliance.objects.create(
        code="RAD-000001", photo="appliances/2026/03/koffie.jpg", **common
    )
    without = Appliance.objects.create(code="RAD-000002", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from repairlocale.reuse.models import Appliance as Current
    from repairlocale.reuse.models import AppliancePhoto

    photo = AppliancePhoto.objects.get()
    assert photo.appliance_id == with_photo.pk
    assert photo.image.name == "appliances/2026/03/koffie.jpg"
    assert photo.kind == "intake"
    assert photo.position == 1
    assert photo.taken_by_id == personas.editor.pk
    assert not Current.objects.get(pk=without.pk).photos.exists()
    assert "photo" not in {f.name for f in Current._meta.get_fields()}

    # Backwards: the first photo goes back into the single field.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    restored = old.get_model("reuse", "Appliance").objects.get(pk=with_photo.pk)
    assert restored.photo.name == "appliances/2026/03/koffie.jpg"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
