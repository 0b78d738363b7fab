from django.db import migrations


def install(apps, schema_editor):
    from repairlocale.dashboards import triggers

    triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from repairlocale.dashboards import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_initial"),
        ("reuse", "0002_appliance_step_facts"),
        ("repairs", "0005_events_imports_details"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
