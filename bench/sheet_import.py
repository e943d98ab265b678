"""Reading an uploaded sheet of members that is far too big: an Excel sheet of 300,000 rows
(about 6 MB) and a CSV file of about 30 MB, as a focal point could upload them. Each is
read by registration.delegations.read_sheet, as the import does before it registers
anyone, from a file on disk as Django keeps a large upload; first with the size limits
lifted (the row limit alone: reading stops at the first row past it), then with the
configured limits (what the import costs now: refused unread). Prints, per case, the CPU
time, how much the process's peak resident memory grew, and the answer.

    DEBUG=1 .venv/bin/python bench/sheet_import.py [--rows 300000] [--csv-mb 30]

Each measurement runs in a child process of its own, so that none inherits another's
memory."""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

HEADER = ["salutation", "given_name", "family_name", "email", "participation_mode"]


def member(number: int) -> list[str]:
    return ["Ms.", "Amina", f"Haddad{number}", f"amina.haddad{number}@example.org", "online"]


def make_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    sheet.append(HEADER)
    for number in range(rows):
        sheet.append(member(number))
    book.save(path)


def make_csv(path: Path, megabytes: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        number = 0
        while file.tell() < megabytes * 2**20:
            writer.writerows(member(number + offset) for offset in range(1000))
            number += 1000


def peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure(path: str, limited: bool) -> dict:
    """In the child: read the sheet once, as the import does."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from registration import delegations

    if not limited:
        settings.SHEET_MAX_BYTES = 2**40
        delegations.XLSX_MAX_UNPACKED_BYTES = 2**40
    size = os.path.getsize(path)
    upload = TemporaryUploadedFile(Path(path).name, "application/octet-stream", size, None)
    with open(path, "rb") as source:
        while chunk := source.read(2**20):
            upload.write(chunk)
    upload.seek(0)
    before = peak_kb()
    started = time.process_time()
    try:
        answer = f"{len(delegations.read_sheet(upload))} rows"
    except delegations.SheetError as error:
        answer = "; ".join(problem.message for problem in error.errors)
    return {
        "cpu_s": round(time.process_time() - started, 2),
        "peak_growth_mb": round((peak_kb() - before) / 1024, 1),
        "answer": answer,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--csv-mb", type=int, default=30)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.child[1] == "limited")))
        return
    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / "members.xlsx", Path(folder) / "members.csv"]
        make_xlsx(files[0], args.rows)
        make_csv(files[1], args.csv_mb)
        for path in files:
            size = path.stat().st_size / 2**20
            for mode in ("unlimited", "limited"):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), mode],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                found = json.loads(out.stdout.strip().splitlines()[-1])
                print(
                    f"{path.suffix[1:]:5} {size:5.1f} MB, size limit {mode:9}: "
                    f"{found['cpu_s']:6.2f} s CPU, peak memory +{found['peak_growth_mb']:6.1f} MB"
                    f" ({found['answer'][:60]})"
                )


if __name__ == "__main__":
    main()
