"""A report worker for test_faults.py, run as its own process and killed there.

    python fault_worker.py REPORT_ID

Generates the funder report REPORT_ID as the background task does (in the test
database that DATABASE_URL names), except that rendering the PDF announces itself
on stdout ("rendering") and then hangs: the test kills the process at that point,
with the report marked running and its figures computed but nothing stored.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from repairlocale.dashboards import tasks

    def hang(report, snapshot):
        print("rendering", flush=True)
        time.sleep(120)
        raise SystemExit("not killed")

    tasks.render_report_pdf = hang
    tasks.funder_report_task.call(int(sys.argv[1]))


if __name__ == "__main__":
    main()
