"""Load the default impact methodology and a second one to compare with.

Source of the factors: The Restart Project, Fixometer category table, LCA revision
2021 (restarters.net migration 2021_08_13_000439_update_lca_unpowered_categories),
and its 2021 LCA summary in TheRestartProject/environmental-impact-data, licensed
CC BY-SA 4.0. The project mapped them onto the 40 ORDS v0.3 product categories; the
last column of FACTORS says which Restart value stands for which ORDS category and
where a proxy was chosen. Displacement factor 0.5 and the emission ratios for items
without a category value (32.06679233 kg CO2e/kg powered, 17.70147059 unpowered)
are the Restart Project's own.

The values are written in this file on purpose: a migration must not read files
that may change later, and a published methodology version never changes (a new
version is a new row).
"""

import datetime
from decimal import Decimal

from django.db import migrations

SOURCE = (
    "The Restart Project, Fixometer category table (LCA revision 2021) and its 2021 "
    "LCA summary (TheRestartProject/environmental-impact-data), CC BY-SA 4.0; "
    "mapped onto the 40 ORDS v0.3 product categories by the Repair Locale project."
)
SOURCE_URL = "https://github.com/TheRestartProject/environmental-impact-data"

LIMITATIONS = (
    "One average weight and footprint per ORDS category, whatever the size or model "
    "(the Flat screen value is that of a 22-24 inch screen, the Laptop value that of "
    "a medium laptop).\n"
    "Only the emissions of making and distributing a new product are counted; "
    "energy in use, spare parts, travel to the repair and end-of-life treatment are "
    "not.\n"
    "The displacement factor is an assumption about how many repaired products "
    "really avoid the purchase of a new one.\n"
    "Only Fixed items count; Repairable and End of life items prevent nothing yet.\n"
    "Items without a category value (Misc) count only when their weight is known. "
    "Repair records (Repair Café logs, imported ORDS files) carry no weight, so "
    "their Misc items add 0 kg and 0 kg CO2e; appliances sold by reuse centres are "
    "weighed, so their own weight times the emission ratio is used.\n"
    "Hair dryer uses the Hair & beauty item value as a proxy; Battery/charger/"
    "adapter, Large and Small home electrical and Food processor come from the 2021 "
    "LCA summary, not from a Fixometer category."
)

# (ORDS product_category_id, weight kg, pre-use footprint kg CO2e, source)
FACTORS = (
    (1, "7.60", "99.41",
     "Restart Fixometer category 35 (LCA revision 2021)"),
    (2, "0.0747", "0.548",
     "Restart 2021 LCA summary (no Fixometer category)"),
    (3, "0.46", "14.72",
     "Restart Fixometer category 36 (LCA revision 2021)"),
    (4, "6.69", "414.17",
     "Restart Fixometer category 11 (LCA revision 2021)"),
    (5, "0.48", "29.73",
     "Restart Fixometer category 21 (LCA revision 2021)"),
    (6, "0.59", "16.03",
     "Restart Fixometer category 22 (LCA revision 2021)"),
    (7, "3.90", "15.60",
     "Restart Fixometer category 37 (LCA revision 2021)"),
    (8, "5.23", "343.49",
     "Restart Fixometer category 14, Flat screen 22-24\" (LCA revision 2021); chosen for the ORDS category that merges all sizes"),
    (9, "0.67", "10.28",
     "Restart Fixometer category 38 (LCA revision 2021)"),
    (10, "0.14", "22.71",
     "Restart Fixometer category 23 (LCA revision 2021)"),
    (11, "0.40", "3.00",
     "Restart Fixometer category 24 (LCA revision 2021)"),
    (12, "8.95", "186.50",
     "Restart Fixometer category 29 (LCA revision 2021)"),
    (13, "8.72", "123.86",
     "Restart Fixometer category 30 (LCA revision 2021)"),
    (14, "1.25", "44.32",
     "Restart Fixometer category 39 (LCA revision 2021)"),
    (15, "2.68", "14.96",
     "Restart Fixometer category 40 (LCA revision 2021)"),
    (16, "1.83", "265.32",
     "Restart Fixometer category 16, Laptop medium (LCA revision 2021); chosen for the ORDS category that merges all sizes"),
    (17, "5.84", "35.34",
     "Restart 2021 LCA summary (no Fixometer category)"),
    (18, "0", "0",
     "Restart: no category value; use the entered weight x emission ratio 32.06679233 (powered) or 17.70147059 (unpowered)"),
    (19, "0.15", "50.51",
     "Restart Fixometer category 25 (LCA revision 2021)"),
    (20, "17.70", "109.50",
     "Restart Fixometer category 31 (LCA revision 2021)"),
    (21, "3.80", "59.50",
     "Restart Fixometer category 18 (LCA revision 2021)"),
    (22, "0.44", "15.94",
     "Restart Fixometer category 19 (LCA revision 2021)"),
    (23, "2.06", "54.65",
     "Restart Fixometer category 32 (LCA revision 2021)"),
    (24, "1.65", "26.65",
     "Restart Fixometer category 41 (LCA revision 2021)"),
    (25, "12.47", "100.69",
     "Restart Fixometer category 20 (LCA revision 2021)"),
    (26, "2.68", "57.58",
     "Restart Fixometer category 33 (LCA revision 2021)"),
    (27, "8.60", "35.00",
     "Restart Fixometer category 8 (LCA revision 2021)"),
    (28, "1.53", "42.80",
     "Restart 2021 LCA summary (no Fixometer category)"),
    (29, "2.95", "30.90",
     "Restart Fixometer category 42 (LCA revision 2021)"),
    (30, "0.77", "114.49",
     "Restart Fixometer category 26 (LCA revision 2021)"),
    (31, "1.47", "8.13",
     "Restart Fixometer category 43 (LCA revision 2021)"),
    (32, "0.93", "10.40",
     "Restart Fixometer category 44 (LCA revision 2021)"),
    (33, "1.99", "51.33",
     "Restart Fixometer category 34 (LCA revision 2021)"),
    (34, "6.80", "36.01",
     "Restart Fixometer category 45 (LCA revision 2021)"),
    (35, "1.30", "28.29",
     "Restart Fixometer category 7 (LCA revision 2021)"),
    (36, "1.28", "17.50",
     "Restart Fixometer category 10 (LCA revision 2021)"),
    (37, "3.07", "49.80",
     "Restart 2021 LCA summary value for Blender (no Fixometer category)"),
    (38, "3.22", "140.67",
     "Restart Fixometer category 6 (LCA revision 2021)"),
    (39, "0.67", "10.28",
     "No Restart value; Hair & beauty item (Fixometer category 38) used as proxy"),
    (40, "1.17", "11.00",
     "Restart Fixometer category 9 (LCA revision 2021)"),
)  # fmt: skip

METHODOLOGIES = (
    {
        "slug": "restart-2021-lca",
        "version": "2021.1",
        "name": "Restart Project 2021 LCA",
        "source": SOURCE,
        "source_url": SOURCE_URL,
        "displacement_factor": Decimal("0.5"),
        "emission_ratio_powered": Decimal("32.06679233"),
        "emission_ratio_unpowered": Decimal("17.70147059"),
        "is_default": True,
        # The date of the Fixometer's 2021 LCA revision (its migration's name).
        "published_on": datetime.date(2021, 8, 13),
        "notes": (
            "For each Fixed item: waste prevented = category weight; CO2e prevented "
            "= displacement factor x category footprint. Items without a category "
            "value: weight x emission ratio x displacement factor."
        ),
        "limitations": LIMITATIONS,
    },
    {
        "slug": "anstiftung-displacement",
        "version": "2023.1",
        "name": "anstiftung displacement 0.3",
        "source": (
            "Category factors and emission ratios as in Restart Project 2021 LCA "
            "2021.1 (" + SOURCE + ") with a displacement factor of 0.3."
        ),
        "source_url": SOURCE_URL,
        "displacement_factor": Decimal("0.3"),
        "emission_ratio_powered": Decimal("32.06679233"),
        "emission_ratio_unpowered": Decimal("17.70147059"),
        "is_default": False,
        # Dated with the anstiftung ORDS release it is meant to be compared with
        # (OpenRepairData_v0.3_anstiftung_202309, Open Repair Alliance).
        "published_on": datetime.date(2023, 9, 1),
        "notes": (
            "A more cautious assumption: 3 in 10 repaired products avoid a new "
            "purchase instead of 1 in 2. Offered to compare our figures with those "
            "of anstiftung (Germany); the 0.3 figure has not been checked against "
            "an anstiftung publication."
        ),
        "limitations": LIMITATIONS,
    },
)


def load_methodologies(apps, schema_editor):
    """Create or refresh both versions; keyed on (slug, version), so idempotent."""
    Methodology = apps.get_model("impact", "Methodology")
    CategoryFactor = apps.get_model("impact", "CategoryFactor")
    ProductCategory = apps.get_model("repairs", "ProductCategory")
    categories = {c.ords_id: c for c in ProductCategory.objects.all()}
    for data in METHODOLOGIES:
        data = dict(data)
        methodology, _created = Methodology.objects.update_or_create(
            slug=data.pop("slug"), version=data.pop("version"), defaults=data
        )
        for ords_id, weight, footprint, source in FACTORS:
            CategoryFactor.objects.update_or_create(
                methodology=methodology,
                product_category=categories[ords_id],
                defaults={
                    "weight_kg": Decimal(weight),
                    "footprint_kg_co2e": Decimal(footprint),
                    "source": source,
                },
            )


def unload_methodologies(apps, schema_editor):
    Methodology = apps.get_model("impact", "Methodology")
    for data in METHODOLOGIES:
        Methodology.objects.filter(slug=data["slug"], version=data["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("repairs", "0002_ords_categories"),
    ]

    operations = [
        migrations.RunPython(load_methodologies, unload_methodologies),
    ]
