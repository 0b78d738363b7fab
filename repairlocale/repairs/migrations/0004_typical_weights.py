"""Typical weights per ORDS category, used when an appliance is not weighed.

Source: The Restart Project, Fixometer category weights (LCA revision 2021) and its
2021 LCA summary (TheRestartProject/environmental-impact-data, CC BY-SA 4.0), as
mapped to the ORDS v0.3 categories. The impact methodology keeps its own versioned
copy of these factors; this is only the intake form's default.
"""

from decimal import Decimal

from django.db import migrations, models

# ORDS product_category_id -> typical weight in kg
TYPICAL_WEIGHT_KG = {
    1: "7.60",
    2: "0.0747",
    3: "0.46",
    4: "6.69",
    5: "0.48",
    6: "0.59",
    7: "3.90",
    8: "5.23",
    9: "0.67",
    10: "0.14",
    11: "0.40",
    12: "8.95",
    13: "8.72",
    14: "1.25",
    15: "2.68",
    16: "1.83",
    17: "5.84",
    18: "0",
    19: "0.15",
    20: "17.70",
    21: "3.80",
    22: "0.44",
    23: "2.06",
    24: "1.65",
    25: "12.47",
    26: "2.68",
    27: "8.60",
    28: "1.53",
    29: "2.95",
    30: "0.77",
    31: "1.47",
    32: "0.93",
    33: "1.99",
    34: "6.80",
    35: "1.30",
    36: "1.28",
    37: "3.07",
    38: "3.22",
    39: "0.67",
    40: "1.17",
}


def load(apps, schema_editor):
    ProductCategory = apps.get_model("repairs", "ProductCategory")
    for ords_id, weight in TYPICAL_WEIGHT_KG.items():
        # Misc has no typical weight (0 in the source): such items must be weighed.
        ProductCategory.objects.filter(ords_id=ords_id).update(
            typical_weight_kg=Decimal(weight) or None
        )


class Migration(migrations.Migration):
    dependencies = [("repairs", "0003_repairrecord")]

    operations = [
        migrations.AddField(
            model_name="productcategory",
            name="typical_weight_kg",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                help_text="Used when an appliance is not weighed.",
                max_digits=7,
                null=True,
                verbose_name="typical weight (kg)",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
