"""Real servers the tests start on free local ports and stop at their end."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.exceptions import EndpointConnectionError

from config.storage import from_url

BIN = Path(sys.executable).parent
LOCAL_REDIS = "redis://127.0.0.1:6379/0"  # the machine's Redis server (`make test` starts it)


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
    """A Redis server of its own, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
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
