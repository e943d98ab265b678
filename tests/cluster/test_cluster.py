"""The site on several machines, run for real: two web nodes (gunicorn, DEBUG=0), a Celery
worker and a Celery beat, each in its own folder with its own empty var/, as on four
machines, sharing only the local PostgreSQL, a Redis server and an S3 server started here.
People reach the nodes as through a load balancer: the site's host name, HTTPS as the
balancer says (X-Forwarded-Proto), their cookies whichever node answers.

`make test-cluster` runs it (and `.ci/run`); the scenarios run in order and share state."""

import json
import re
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path

import icalendar
import psycopg
import pypdfium2
import pytest
import requests
import zxingcpp

from tests.registration.test_photos import image_file
from tests.second_factor import totp_code
from tests.servers import BIN, RedisServer, S3Server, app_environment, free_port

ROOT = Path(__file__).resolve().parents[2]
HOST = "meetings.example.org"
DATABASE = "meetings_cluster"
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
KEPT = {"staticfiles", "fonts"}  # what a machine makes for itself: not kept files
METRICS_TOKEN = "cluster-metrics-token"
state: dict = {}


class Node:
    """A process of the cluster in its own folder, its output in a file there."""

    def __init__(self, folder: Path, name: str, command: list, env: dict):
        self.folder, self.name = folder / name, name
        (self.folder / "var").mkdir(parents=True)
        self.env = env | {"VAR_DIR": str(self.folder / "var")}
        self.log = self.folder / "output.log"
        self.command = command
        self.process = None

    def run(self, *command) -> str:
        """A command on this machine (collectstatic, the seed), waited for."""
        result = subprocess.run(
            command, cwd=self.folder, env=self.env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start(self):
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                self.command, cwd=self.folder, env=self.env, stdout=output, stderr=output
            )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class Browser:
    """One person's browser behind the load balancer."""

    def __init__(self, node: str):
        self.node = node  # the URL of the node that answers next
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}{path}",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, self.node + path, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, form_page: str | None = None, **kwargs):
        """POST with the CSRF token of the form's page (fetched from this same node unless
        it was fetched before)."""
        page = self.get(form_page or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no form on {form_page or path}: {page.status_code}"
        return self.request("POST", path, data={**data, "csrfmiddlewaretoken": token[1]}, **kwargs)

    def log_in(self, email: str, password: str, secret: str | None = None) -> requests.Response:
        response = self.post("/accounts/login/", {"login": email, "password": password})
        if secret and response.status_code == 302 and "2fa" in response.headers["Location"]:
            response = self.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
        return response


def api_headers() -> dict:
    """An integrator's request through the balancer, with the officer's API token."""
    return {"Host": HOST, "X-Forwarded-Proto": "https", "Authorization": f"Bearer {state['token']}"}


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except requests.RequestException:
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {seconds} s")


def _database(action: str) -> None:
    with psycopg.connect(ADMIN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {DATABASE}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    redis, s3 = RedisServer(), S3Server()
    _database("create")
    env = app_environment(
        **{
            "PYTHONPATH": str(ROOT),
            "DEBUG": "0",
            "SECRET_KEY": "cluster-" + "k" * 50,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "REDIS_URL": redis.url(1),
            "CELERY_BROKER_URL": redis.url(0),
            "STORAGE_URL": s3.url("cluster"),
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "SECURE_SSL_REDIRECT": "0",
            "GUNICORN_WORKERS": "2",
            "METRICS_TOKEN": METRICS_TOKEN,
        }
    )
    ports = {"a": free_port(), "b": free_port()}
    nodes = {
        name: Node(
            folder,
            f"node-{name}",
            [BIN / "gunicorn", "-c", ROOT / "config/gunicorn.py", "config.wsgi"],
            env
            | {
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "PROMETHEUS_MULTIPROC_DIR": str(folder / f"node-{name}-metrics"),
            },
        )
        for name, port in ports.items()
    }
    nodes["worker"] = Node(
        folder, "worker", [BIN / "celery", "-A", "config", "worker", "-c", "2", "-l", "info"], env
    )
    nodes["beat"] = Node(
        folder,
        "beat",
        [BIN / "celery", "-A", "config", "beat", "-l", "info", "-s", "var/beat-schedule"],
        env,
    )
    try:
        state.update(json.loads(nodes["a"].run(BIN / "python", "-m", "tests.cluster.seed")))
        for name in ("a", "b"):
            nodes[name].run(BIN / "python", ROOT / "manage.py", "collectstatic", "--noinput")
        for node in nodes.values():
            node.start()
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for url in urls.values():
            wait_until(
                lambda url=url: Browser(url).get("/health/ready").status_code == 200,
                60,
                f"{url} ready",
            )
        yield {"urls": urls, "nodes": nodes, "s3": s3, "folder": folder}
    finally:
        for node in nodes.values():
            node.stop()
        redis.stop()
        s3.stop()
        _database("drop")


@pytest.fixture(scope="module")
def a(cluster):
    return cluster["urls"]["a"]


@pytest.fixture(scope="module")
def b(cluster):
    return cluster["urls"]["b"]


def test_through_a_a_delegate_registers_in_person_with_a_photo(a):
    delegate = Browser(a)
    assert delegate.log_in(state["delegate"], state["password"]).status_code == 302
    photo = image_file()
    form = f"/sessions/{state['slug']}/register/"

    response = delegate.post(
        form,
        {
            "entity": state["entity"],
            "participation_mode": "in_person",
            "salutation": "Ms.",
            "given_name": "Anna",
            "family_name": "Gruber",
            "identity_document_type": "passport",
            "identity_document_number": "P1234567",
            "identity_document_expiry": "2031-05-01",
            "privacy_acknowledged": "on",
        },
        files={"photo": ("anna.jpg", photo.read(), "image/jpeg")},
    )

    assert response.status_code == 302, re.findall(r'class="errorlist[^>]*>(.*?)</', response.text)
    api = requests.get(
        f"{a}/api/v1/sessions/{state['slug']}/registrations/",
        headers={
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Authorization": f"Bearer {state['token']}",
        },
        timeout=30,
    ).json()
    (registration,) = api["results"]
    state["registration"] = registration["id"]


def test_through_a_an_officer_signed_in_with_a_second_factor_approves(a):
    officer = Browser(a)
    response = officer.log_in(state["officer"], state["password"], state["totp"])
    assert response.status_code == 302 and "2fa" not in response.headers["Location"]
    state["officer_cookies"] = officer.cookies

    console = f"/sessions/{state['slug']}/console/{state['registration']}/"
    response = officer.post(f"{console}act/", {"action": "approve"}, form_page=console)

    assert response.status_code == 302
    assert "Approved" in officer.get(console).text


def test_through_b_the_officer_is_still_signed_in_and_sees_the_photo(b):
    officer = Browser(b)
    officer.cookies = dict(state["officer_cookies"])

    response = officer.get(f"/registrations/{state['registration']}/photo/")

    assert response.status_code == 200 and response.headers["Content-Type"] == "image/jpeg"
    assert response.content[:2] == b"\xff\xd8"


def test_a_form_from_a_posts_to_b_and_the_worker_renders_the_badges(a, b, cluster):
    officer = Browser(a)
    officer.cookies = dict(state["officer_cookies"])
    page = officer.get(f"/sessions/{state['slug']}/badges/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    officer.node = b  # the balancer sends the form to the other node

    response = officer.request(
        "POST",
        f"/sessions/{state['slug']}/badges/print/",
        data={"kind": "unprinted", "layout": "a6", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302, response.text[:500]
    job = int(response.headers["Location"].rsplit("#job-", 1)[1])
    status = wait_until(
        lambda: (
            (s := officer.get(f"/sessions/{state['slug']}/badges/jobs/{job}/").json())["pdf"] and s
        ),
        180,
        "the badge batch rendered by the worker",
    )
    assert (status["done"], status["total"]) == (1, 1)
    state["pdf"] = status["pdf"]
    request_id = response.headers["X-Request-ID"]
    assert request_id in cluster["nodes"]["worker"].output()  # the worker's lines name it


def test_through_a_the_pdf_downloads_and_its_qr_code_decodes(a):
    officer = Browser(a)
    officer.cookies = dict(state["officer_cookies"])

    response = officer.get(state["pdf"])

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = pypdfium2.PdfDocument(response.content)[0].render(scale=4).to_pil()
    (code,) = zxingcpp.read_barcodes(page)
    assert code.format == zxingcpp.BarcodeFormat.QRCode and len(code.text) > 20


def titles(calendar) -> list[str]:
    """The sittings' titles, without the session's short name the summaries end with."""
    return [str(event["SUMMARY"]).rsplit(", ", 1)[0] for event in calendar.walk("VEVENT")]


def test_a_sitting_changed_through_b_shows_at_once_in_the_feed_read_through_a(a, b):
    feed = f"/calendar/sessions/{state['slug']}.ics"
    before = icalendar.Calendar.from_ical(Browser(a).get(feed).content)
    assert titles(before) == ["1st plenary meeting"]

    changed = requests.patch(
        f"{b}/api/v1/sittings/{state['sitting']}/",
        json={"translations": {"title": {"en": "Opening of the session"}}},
        headers={
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Authorization": f"Bearer {state['token']}",
        },
        timeout=30,
    )

    assert changed.status_code == 200, changed.text
    after = icalendar.Calendar.from_ical(Browser(a).get(feed).content)
    assert titles(after) == ["Opening of the session"]


def test_a_login_rate_limit_hit_through_a_holds_on_b(a, b):
    stranger = Browser(a)
    for _ in range(5):
        refused = stranger.log_in(state["delegate"], "not-the-password")
        assert refused.status_code == 200

    stranger.node = b
    response = stranger.log_in(state["delegate"], state["password"])

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.text


def test_a_scrape_of_a_sums_its_workers_and_counts_the_tasks_every_machine_ran(a):
    for _ in range(10):  # spread over A's two gunicorn workers
        assert Browser(a).get("/health/live").status_code == 200
    metrics = requests.get(
        f"{a}/metrics",
        headers={"Host": HOST, "Authorization": f"Bearer {METRICS_TOKEN}"},
        timeout=30,
    )

    assert metrics.status_code == 200
    text = metrics.text
    rendered = 'meetings_celery_tasks_total{outcome="succeeded",task="badges.tasks.run_print_job"}'
    assert f"{rendered} 1.0" in text  # run by the worker, counted in the shared cache
    assert re.search(
        r'django_http_responses_total_by_status_view_method_total\{[^}]*view="badges:job-pdf"', text
    )
    assert 'meetings_registrations{session="cluster",state="approved"} 1.0' in text
    live = re.search(
        r'django_http_responses_total_by_status_view_method_total\{method="GET",status="200",'
        r'view="health-live"\} (\S+)',
        text,
    )
    assert live and float(live[1]) == 10  # both workers' counts, not one's
    assert requests.get(f"{a}/metrics", headers={"Host": HOST}, timeout=30).status_code == 403


def test_no_machine_kept_a_file_on_its_own_disk(cluster):
    for node in cluster["nodes"].values():
        kept = sorted(path.name for path in (node.folder / "var").iterdir())
        ours = {name for name in kept if node.name == "beat" and name.startswith("beat-schedule")}
        assert set(kept) - ours <= KEPT, (node.name, kept)
        assert node.process.poll() is None, (node.name, node.output()[-2000:])
    keys = cluster["s3"].keys("cluster/")
    assert any("/photos/" in key or key.startswith("cluster/photos") for key in keys), keys
    assert any(key.startswith("cluster/badges/") for key in keys), keys
