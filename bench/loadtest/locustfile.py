"""Locust scenario for `make loadtest` (bench/loadtest/run.py starts it; not a test).

Two kinds of simulated people, against a gunicorn on 127.0.0.1 only:

- ``WorkshopUser`` (4 in 5): a workshop volunteer at a reuse centre. Logs in as the
  demo ``editor`` (or ``manager``), then repeatedly: scans a label code
  (``/hergebruik/scan/?code=…`` → redirect), opens the fiche ``/a/<code>/``, opens the
  cleaning step form and records a cleaning step through the real form with its CSRF
  token (a cleaning step leaves the appliance's status as it is, so the flow repeats).
- ``DashboardUser`` (1 in 5): the network coordinator opening the dashboards and a
  centre's work queues.

Environment (set by run.py): ``LOADTEST_CODES`` (a JSON file with the codes each
workshop user may record steps on), ``LOADTEST_LOG`` (a JSON-lines file: one line per
request with its start time, name, duration, status and error, which run.py reads
for percentiles and the fault analysis), ``LOADTEST_CENTRE`` (a centre id).
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time

from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WORKSHOP_ACCOUNTS = [("editor", "demo-editor-2026"), ("manager", "demo-manager-2026")]
COORDINATOR = ("coordinator", "demo-coordinator-2026")

with open(os.environ["LOADTEST_CODES"], encoding="utf-8") as _file:
    _codes = json.load(_file)
_centre = os.environ.get("LOADTEST_CENTRE", "")
_pace = os.environ.get("LOADTEST_PACE", "human")
_log_lock = threading.Lock()
# Kept open for the whole run; every request appends one line.
_log = open(os.environ["LOADTEST_LOG"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115


class LoopbackCookieJar(RequestsCookieJar):
    """Send the production settings' Secure cookies over plain HTTP on loopback.

    The app runs with DEBUG off, so its session and CSRF cookies are marked Secure,
    and a client only sends those over HTTPS. The load test talks to 127.0.0.1
    directly (no TLS proxy), so the client stores them as ordinary cookies.
    """

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


@events.request.add_listener
def _record(
    request_type, name, response_time, response_length, exception, context, **kw
):
    response = kw.get("response")
    status = getattr(response, "status_code", 0) if response is not None else 0
    line = {
        "t": round(time.time() - response_time / 1000, 3),
        "name": name,
        "ms": round(response_time, 1),
        "status": status,
        "error": str(exception)[:300] if exception else "",
    }
    if (
        exception
        and response is not None
        and "database is locked" in (response.text or "")
    ):
        line["locked"] = True
    with _log_lock:
        _log.write(json.dumps(line) + "\n")


class _LoggedIn(HttpUser):
    abstract = True
    account: tuple[str, str] = COORDINATOR

    def on_start(self):
        self.client.cookies = LoopbackCookieJar()
        page = self.client.get("/account/aanmelden/", name="login page")
        token = CSRF_RE.search(page.text)
        username, password = self.account
        with self.client.post(
            "/account/aanmelden/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login as {username}: {response.status_code}")


def _think(low: float, high: float) -> None:
    """A person reading the screen or filling in a form between two requests."""
    if _pace == "human":
        time.sleep(random.uniform(low, high))


class WorkshopUser(_LoggedIn):
    """One workshop volunteer with a phone, at a person's pace ("human", the default):

    scan a label (the browser follows the redirect to the fiche), read the fiche
    (1-3 s), open the cleaning form, fill it in (2-5 s), save (the browser follows the
    redirect back to the fiche), then take the next appliance (2-5 s). That is one
    step recorded every 8-16 s per person, 5 requests a round.

    ``LOADTEST_PACE=stress`` keeps the earlier profile instead: the four requests of a
    round back to back, 1-3 s between rounds, no redirect followed after saving; no
    person works that fast, so it measures how much the server takes, not the
    workshop's experience.
    """

    weight = 4
    wait_time = between(2, 5) if _pace == "human" else between(1, 3)

    def on_start(self):
        self.account = random.choice(WORKSHOP_ACCOUNTS)
        super().on_start()

    @task
    def scan_and_record_step(self):
        code = random.choice(_codes)
        # The scanner types the code (lower case, as a hand scanner might).
        with self.client.get(
            f"/hergebruik/scan/?code={code.lower()}",
            name="workshop: scan",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location.startswith("/a/"):
                response.failure(f"scan: {response.status_code} {location}")
                return
        fiche = self.client.get(f"/a/{code}/", name="workshop: fiche /a/<code>/")
        if fiche.status_code != 200:
            return
        _think(1, 3)
        form = self.client.get(f"/a/{code}/?stap=cleaning", name="workshop: step form")
        token = CSRF_RE.search(form.text or "")
        if form.status_code != 200 or not token:
            # An error page has no form to fill in: the person starts over (posting
            # without the form's CSRF token would only earn a 403).
            return
        _think(2, 5)
        with self.client.post(
            f"/a/{code}/stap/cleaning/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "duration_minutes": str(random.randint(5, 30)),
                "notes": "load test",
            },
            name="workshop: record step (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # 302 back to the fiche; a 302 to the login page is a failure too.
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location.startswith(f"/a/{code}/"):
                response.failure(f"record step: {response.status_code} {location}")
                return
        if _pace == "human":
            self.client.get(location, name="workshop: fiche after saving")


class DashboardUser(_LoggedIn):
    """The network coordinator: opens a dashboard and reads it (5-15 s) before the
    next; ``LOADTEST_PACE=stress``: 2-5 s."""

    weight = 1
    wait_time = between(5, 15) if _pace == "human" else between(2, 5)

    @task(3)
    def flanders(self):
        self.client.get("/dashboards/", name="dashboard: Flanders")

    @task(2)
    def pilot_regions(self):
        self.client.get("/dashboards/pilootregios/", name="dashboard: pilot regions")

    @task(2)
    def work_queues(self):
        if _centre:
            self.client.get(
                f"/hergebruik/centra/{_centre}/", name="dashboard: centre queues"
            )
