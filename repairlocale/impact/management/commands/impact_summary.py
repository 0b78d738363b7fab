"""``manage.py impact_summary``: repair and re-use impact figures for a period."""

from __future__ import annotations

import argparse
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import (
    impact_summary,
    methodology_resolve,
    reuse_impact,
)
from repairlocale.reuse.services import DATA_PROVIDER


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (use YYYY-MM-DD)"
        ) from None


class Command(BaseCommand):
    help = (
        "Print the impact figures of repairs: records, Fixed, Repairable, End of "
        "life, Unknown, waste prevented (kg) and CO2e prevented (kg), computed with "
        "the default methodology or the one given, whose version is printed with "
        "the figures. Likely duplicates are counted once. Appliances sold by reuse "
        "centres are printed separately (never counted twice); with --provider they "
        f"are shown only for our own data provider, {DATA_PROVIDER!r}. --json prints "
        "one object with kg as decimal strings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provider",
            metavar="NAME",
            help="Only repair records of this data provider (as in ORDS files).",
        )
        parser.add_argument(
            "--since",
            type=_date,
            metavar="DATE",
            help="First date, included (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--until",
            type=_date,
            metavar="DATE",
            help="Last date, included (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--methodology",
            metavar="SLUG[:VERSION]",
            help="Methodology to use, e.g. restart-2021-lca:2021.1; without a "
            "version the latest published one. Default: the default methodology.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print JSON instead of a table."
        )

    def handle(self, *args, **options):
        since, until = options["since"], options["until"]
        if since and until and since > until:
            raise CommandError("--since is after --until.")
        try:
            methodology = methodology_resolve(methodology=options["methodology"])
        except Methodology.DoesNotExist:
            known = ", ".join(m.spec for m in Methodology.objects.all()) or "none"
            raise CommandError(
                f"Unknown methodology {options['methodology'] or '(default)'!r}; "
                f"known: {known}."
            ) from None
        provider = options["provider"]
        repairs = impact_summary(
            methodology=methodology, provider=provider, since=since, until=until
        )
        reuse = None
        if not provider or provider == DATA_PROVIDER:
            reuse = reuse_impact(methodology=methodology, since=since, until=until)

        if options["json"]:
            self.stdout.write(
                json.dumps(
                    _as_json(methodology, provider, since, until, repairs, reuse),
                    indent=2,
                    default=str,
                )
            )
            return
        self.stdout.write(
            f"Methodology: {methodology.name} {methodology.version} "
            f"({methodology.spec})"
        )
        self.stdout.write(
            f"Period: {since or 'first record'} to {until or 'last record'}"
            f" · provider: {provider or 'all'}"
        )
        self.stdout.write("")
        self.stdout.write("Repairs")
        for label, value in [
            ("records", repairs.records),
            ("fixed", repairs.fixed),
            ("repairable", repairs.repairable),
            ("end of life", repairs.end_of_life),
            ("unknown", repairs.unknown),
            ("waste_kg", repairs.waste_kg),
            ("co2e_kg", repairs.co2e_kg),
        ]:
            self.stdout.write(f"  {label:<12}{value:>14}")
        if reuse is not None:
            self.stdout.write("")
            self.stdout.write("Re-use (appliances sold by reuse centres)")
            for label, value in [
                ("appliances", reuse.appliances),
                ("waste_kg", reuse.waste_kg),
                ("co2e_kg", reuse.co2e_kg),
            ]:
                self.stdout.write(f"  {label:<12}{value:>14}")


def _as_json(methodology, provider, since, until, repairs, reuse) -> dict:
    def figures(result) -> dict:
        data = result.as_dict()
        for key in ("methodology_name", "methodology_version", "methodology_slug"):
            data.pop(key)
        return data

    return {
        "methodology": {
            "name": methodology.name,
            "slug": methodology.slug,
            "version": methodology.version,
        },
        "filters": {"provider": provider, "since": since, "until": until},
        "repairs": figures(repairs),
        "reuse": figures(reuse) if reuse is not None else None,
    }
