"""Record today's coaches and hub municipalities as a first version with a set.

Until 0002 the sets were not tracked: the versions written before hold no copy of
them, which the pages cannot tell from an empty set. Each trainee and hub with
coaches or municipalities gets one new version now, with its set and the reason
``m2m_baseline``; the pages say the set is recorded from there on, instead of
claiming it was added by the change before.
"""

from django.db import migrations
from django.utils import timezone

# (app, audited model, set attribute, through column of the member)
SETS = [
    ("training", "Trainee", "coaches", "user"),
    ("network", "Hub", "municipalities", "municipality"),
]
REASON = "m2m_baseline"


def record_sets(apps, schema_editor):
    now = timezone.now()
    for app_label, model_name, attr, target in SETS:
        model = apps.get_model(app_label, model_name)
        through = model._meta.get_field(attr).remote_field.through
        source = f"{model_name.lower()}_id"
        history = apps.get_model("audit", f"Historical{model_name}")
        m2m_history = apps.get_model("audit", f"Historical{model_name}_{attr}")
        copied = [
            f.attname
            for f in history._meta.concrete_fields
            if not f.name.startswith("history_")
        ]
        links = list(through.objects.values_list("id", source, f"{target}_id"))
        owners = {owner for _id, owner, _member in links}
        versions = history.objects.bulk_create(
            [
                history(
                    history_date=now,
                    history_type="~",
                    history_change_reason=REASON,
                    **{name: getattr(obj, name) for name in copied},
                )
                for obj in model.objects.filter(pk__in=owners).order_by("pk")
            ],
            batch_size=500,
        )
        if versions and versions[0].history_id is None:  # no RETURNING (old SQLite)
            versions = history.objects.filter(history_change_reason=REASON, id__in=owners)
        version_of = {v.id: v.history_id for v in versions}
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=link_id,
                    history_id=version_of[owner],
                    **{source: owner, f"{target}_id": member},
                )
                for link_id, owner, member in links
            ],
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_m2m_partnership_repairevent"),
    ]

    operations = [migrations.RunPython(record_sets, migrations.RunPython.noop)]
