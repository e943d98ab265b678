"""Where the kept files go (photos, identity documents, notes verbales, badge PDFs,
documents, contributions, statements): Django's default storage, read from STORAGE_URL.

    (unset)                              the local disk under MEDIA_ROOT (`make run`)
    s3://BUCKET                          Amazon S3, with the credentials boto3 finds
                                         (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or
                                         the machine's role)
    s3://KEY:SECRET@BUCKET/PREFIX?endpoint_url=http://HOST:9000&region_name=REGION
                                         any S3-compatible server (MinIO, Ceph, moto), its
                                         keys URL-quoted, the files under PREFIX

The bucket stays private: no file has a public address. Each is read back through the
view that checks who asks and streamed from the bucket (FileResponse), never handed out
as a signed URL, which would work for anyone it was passed to until it expired."""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"
QUERY = {"endpoint_url", "region_name", "addressing_style", "signature_version"}


def from_url(url: str) -> dict:
    """The STORAGES["default"] entry of STORAGE_URL."""
    if not url:
        return FILE_SYSTEM
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if parts.scheme != "s3" or not parts.hostname or set(query) - QUERY:
        raise ImproperlyConfigured(
            f"STORAGE_URL must read s3://[KEY:SECRET@]BUCKET[/PREFIX][?{'&'.join(sorted(QUERY))}]"
        )
    options = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        "file_overwrite": False,  # a new file never replaces another of the same name
        "default_acl": None,  # the bucket's own: private
        **query,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    return {"BACKEND": S3, "OPTIONS": options}
