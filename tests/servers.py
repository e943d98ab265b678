"""Real servers the tests start on free local ports and stop at their end."""

import os
import shutil
import socket
import subprocess
import sys
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import boto3
from botocore.exceptions import EndpointConnectionError

from config.storage import from_url

BIN = Path(sys.executable).parent
LOCAL_REDIS = "redis://127.0.0.1:6379/0"  # the machine's Redis server (`make test` starts it)


def app_environment(**settings: str) -> dict:
    """The environment of a process of the app that a test starts: this one's, without
    what would point it at the test's own services, and these settings."""
    return (
        {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO", "DATABASE", "REDIS", "CELERY", "STORAGE", "PYTEST"))
        }
        | {"DJANGO_SETTINGS_MODULE": "config.settings"}
        | settings
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Server:
    """moto's S3 server on a free local port, with the bucket `meetings`."""

    BUCKET = "meetings"

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.client().create_bucket(Bucket=self.BUCKET)
                return
            except EndpointConnectionError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"moto_server did not start on port {self.port}")

    def url(self, prefix: str = "") -> str:
        """The STORAGE_URL of the bucket, its files under `prefix`."""
        return f"s3://test:test@{self.BUCKET}/{prefix}?endpoint_url={self.endpoint}&region_name=us-east-1"

    def storage(self, prefix: str = "") -> dict:
        return from_url(self.url(prefix))

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )

    def keys(self, prefix: str = "") -> list[str]:
        listed = self.client().list_objects_v2(Bucket=self.BUCKET, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class RedisServer:
    """A Redis server of its own, keeping nothing on disk: stopped, it loses what it held,
    and start() brings it back on the same port."""

    def __init__(self):
        self.port = free_port()
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        self.process.kill()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class SmtpSink:
    """A mail server on a free local port that keeps what it is sent, and answers
    "451 try again later" to every recipient while `refusing`, and "550" to those in
    `unknown`."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received: list[EmailMessage] = []
        self.refusing = False
        self.unknown: set[str] = set()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "451 4.3.2 Try again later"
        if address in self.unknown:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def stop(self):
        if self.controller.loop.is_running():
            self.controller.stop()
