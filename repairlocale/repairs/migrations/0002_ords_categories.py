"""Load the 40 ORDS product categories with their fixed ids.

Source: Open Repair Data Standard v0.3, product categories (Open Repair Alliance,
CC BY-SA 4.0). The ids and `ords_name` values are the standard's own and must not be
changed; `name_en` and `name_nl` are this project's display names (Flemish usage).
`powered` follows The Restart Project's 2021 LCA category table (CC BY-SA 4.0), which
lists every ORDS v0.3 category as powered: unpowered items (bikes, textiles) have no
category of their own and are logged as "Misc".

The data is kept in this file on purpose: a migration must not import app code that
may change later.
"""

from django.db import migrations

# (ords_id, ords_name, name_en, name_nl, powered)
ORDS_CATEGORIES = (
    (1, "Aircon/dehumidifier", "Air conditioner or dehumidifier",
     "Airco of ontvochtiger", True),
    (2, "Battery/charger/adapter", "Battery, charger or adapter",
     "Batterij, oplader of adapter", True),
    (3, "Decorative or safety lights", "Decorative or safety lights",
     "Sier- of veiligheidsverlichting", True),
    (4, "Desktop computer", "Desktop computer", "Desktopcomputer", True),
    (5, "Digital compact camera", "Digital compact camera",
     "Digitale compactcamera", True),
    (6, "DSLR/video camera", "DSLR or video camera",
     "Spiegelreflex- of videocamera", True),
    (7, "Fan", "Fan", "Ventilator", True),
    (8, "Flat screen", "Flat screen (TV or monitor)",
     "Plat scherm (tv of monitor)", True),
    (9, "Hair & beauty item", "Hair and beauty item",
     "Haar- en schoonheidsverzorging", True),
    (10, "Handheld entertainment device", "Handheld entertainment device",
     "Draagbaar entertainmenttoestel", True),
    (11, "Headphones", "Headphones", "Hoofdtelefoon of oortjes", True),
    (12, "Hi-Fi integrated", "Integrated hi-fi system",
     "Geïntegreerde hifi-installatie", True),
    (13, "Hi-Fi separates", "Hi-fi separates", "Losse hifi-componenten", True),
    (14, "Kettle", "Kettle", "Waterkoker", True),
    (15, "Lamp", "Lamp", "Lamp", True),
    (16, "Laptop", "Laptop", "Laptop", True),
    (17, "Large home electrical", "Large household appliance",
     "Groot huishoudtoestel", True),
    (18, "Misc", "Miscellaneous", "Overige", True),
    (19, "Mobile", "Mobile phone", "Gsm of smartphone", True),
    (20, "Musical instrument", "Musical instrument", "Muziekinstrument", True),
    (21, "Paper shredder", "Paper shredder", "Papierversnipperaar", True),
    (22, "PC accessory", "Computer accessory", "Computeraccessoire", True),
    (23, "Portable radio", "Portable radio", "Draagbare radio", True),
    (24, "Power tool", "Power tool", "Elektrisch gereedschap", True),
    (25, "Printer/scanner", "Printer or scanner", "Printer of scanner", True),
    (26, "Projector", "Projector", "Projector of beamer", True),
    (27, "Sewing machine", "Sewing machine", "Naaimachine", True),
    (28, "Small home electrical", "Small household appliance",
     "Klein huishoudtoestel", True),
    (29, "Small kitchen item", "Small kitchen appliance",
     "Klein keukentoestel", True),
    (30, "Tablet", "Tablet", "Tablet", True),
    (31, "Toaster", "Toaster", "Broodrooster", True),
    (32, "Toy", "Toy", "Speelgoed", True),
    (33, "TV and gaming-related accessories", "TV and gaming accessories",
     "Tv- en gameaccessoires", True),
    (34, "Vacuum", "Vacuum cleaner", "Stofzuiger", True),
    (35, "Watch/clock", "Watch or clock", "Horloge of klok", True),
    (36, "Coffee maker", "Coffee maker", "Koffiezetapparaat", True),
    (37, "Food processor", "Food processor", "Keukenrobot", True),
    (38, "Games console", "Games console", "Spelconsole", True),
    (39, "Hair dryer", "Hair dryer", "Haardroger", True),
    (40, "Iron", "Iron", "Strijkijzer", True),
)  # fmt: skip


def load_categories(apps, schema_editor):
    ProductCategory = apps.get_model("repairs", "ProductCategory")
    for ords_id, ords_name, name_en, name_nl, powered in ORDS_CATEGORIES:
        # Keyed on the ORDS id so that re-running only refreshes the names.
        ProductCategory.objects.update_or_create(
            ords_id=ords_id,
            defaults={
                "ords_name": ords_name,
                "name_en": name_en,
                "name_nl": name_nl,
                "powered": powered,
            },
        )


def unload_categories(apps, schema_editor):
    ProductCategory = apps.get_model("repairs", "ProductCategory")
    ProductCategory.objects.filter(
        ords_id__in=[row[0] for row in ORDS_CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("repairs", "0001_initial")]

    operations = [migrations.RunPython(load_categories, unload_categories)]
