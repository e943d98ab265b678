"""Printing badges: 1,000 A6 badges with distinct photos, QR codes of real 120-character
signed codes and names in the six UN languages' scripts (Latin with diacritics, Arabic,
Chinese, Cyrillic, and names mixing scripts), rendered to one PDF by
badges.render.render_badges; against the "bare cost": reportlab drawing the same shaped
text with the same fonts (placed beforehand, outside the timing), the same photos (JPEG
bytes, embedded as they are) and the same QR matrices, made in advance, as filled
rectangles (one per run of dark modules) on the same pages, with none of our fitting,
fallback checks, photo checks or layout planning; and, for comparison, the same with
reportlab's public API only (photos through files, QR rectangles as a path). Then the peak
memory of a batch of 5,000.

    DEBUG=1 .venv/bin/python bench/badges.py [--badges 1000] [--batch 5000] [--runs 5]

Targets: our renderer at most 1.5 times the bare cost; under 300 MB for 5,000 badges.

Every measurement runs in a child process of its own, so that none inherits another's
memory. Times: our renderer and the bare cost take turns in one child, without tracing
(text caches emptied before each of our runs). Memory: two more children per case, one for
the process's peak resident size (VmHWM: the interpreter, Django, fonts, the badges' data
with their photos, and the rendering) and one for the peak of Python allocations made
while rendering (tracemalloc, started once the data is in memory). Fonts are registered,
and the static Chinese instance made under VAR_DIR/fonts, before anything is measured.
"""

import argparse
import gc
import io
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from badges import text  # noqa: E402
from badges.layouts import WHITE, preset  # noqa: E402
from badges.lean_pdf import binary_streams, embed_jpeg  # noqa: E402
from badges.render import DEFAULT_COLOURS, BadgeData, plan_badge, render_badges  # noqa: E402
from pdftext import fonts  # noqa: E402
from pdftext.text import shaped_line  # noqa: E402

LAYOUT = "a6"
SESSION_TITLE = (
    "Second meeting of the open-ended intergovernmental expert group on reducing reoffending"
)
ENTITIES = [
    ("member_state", "Member State", "United Kingdom of Great Britain and Northern Ireland"),
    ("member_state", "Member State", "Venezuela (Bolivarian Republic of)"),
    ("member_state", "Member State", "Côte d'Ivoire"),
    ("member_state", "Member State", "Egypt"),
    ("member_state", "Member State", "China"),
    ("member_state", "Member State", "Russian Federation"),
    ("observer_state", "Observer State", "State of Palestine"),
    ("un_entity", "United Nations", "United Nations Office on Drugs and Crime"),
    ("igo", "Intergovernmental organization", "International Criminal Police Organization"),
    ("ngo", "Non-governmental organization", "Penal Reform International"),
    ("expert", "Expert", "Université de Genève"),
    ("media", "Media", "Agencia EFE"),
    ("secretariat", "Secretariat", "Secretariat of the expert group"),
]
SALUTATIONS = ["Mr.", "Ms.", "Dr.", "H.E. Mr.", "H.E. Ms.", "Prof."]
# (given, family) in Latin letters, with the same names in their own script when they have
# one: every badge gets a different name, as in life.
LATIN = (
    ["Élodie", "François", "Hélène", "Loïc", "Anaïs", "Benoît", "Cécile", "Jérôme"],
    ["Lefèvre", "Bérard", "Mégret", "Rivière", "Gérôme", "Ménard", "Lebœuf", "Château"],
)
SPANISH = (
    ["María José", "José Luis", "Núria", "Ángel", "Iñaki", "Sofía", "João", "Łukasz"],
    ["Hernández", "Núñez", "García", "Gonçalves", "Dvořák", "Peña", "Muñoz", "Ibáñez"],
)
ARABIC = (
    [
        ("Ahmed", "أحمد"),
        ("Mona", "منى"),
        ("Faisal", "فيصل"),
        ("Salma", "سلمى"),
        ("Khaled", "خالد"),
        ("Layla", "ليلى"),
        ("Omar", "عمر"),
        ("Fatima", "فاطمة"),
        ("Youssef", "يوسف"),
    ],
    [
        ("Hassan", "حسن"),
        ("Farouk", "فاروق"),
        ("Al-Otaibi", "العتيبي"),
        ("Benali", "بنعلي"),
        ("Mansour", "منصور"),
        ("Haddad", "حداد"),
        ("Abdallah", "عبد الله"),
        ("Saleh", "صالح"),
    ],
)
CHINESE = (
    [
        ("Wei", "伟"),
        ("Li", "丽"),
        ("Xiaoming", "小明"),
        ("Fang", "芳"),
        ("Jun", "军"),
        ("Min", "敏"),
        ("Jing", "静"),
        ("Lei", "磊"),
        ("Hui", "慧"),
    ],
    [
        ("Zhang", "张"),
        ("Wang", "王"),
        ("Li", "李"),
        ("Liu", "刘"),
        ("Chen", "陈"),
        ("Huang", "黄"),
        ("Zhao", "赵"),
        ("Zhou", "周"),
    ],
)
CYRILLIC = (
    [
        ("Dmitry", "Дмитрий"),
        ("Elena", "Елена"),
        ("Nurlan", "Нурлан"),
        ("Olga", "Ольга"),
        ("Sergei", "Сергей"),
        ("Ivan", "Иван"),
        ("Tatiana", "Татьяна"),
        ("Pavel", "Павел"),
    ],
    [
        ("Ivanov", "Иванов"),
        ("Smirnov", "Смирнов"),
        ("Petrov", "Петров"),
        ("Sokolov", "Соколов"),
        ("Volkov", "Волков"),
        ("Kuznetsov", "Кузнецов"),
        ("Fedorov", "Фёдоров"),
    ],
)


def person(index: int) -> tuple[str, str, str, str]:
    """(script, given, family, name in own script) of the index-th badge, cycling through
    the scripts; the names never repeat within a few thousand badges."""
    kind = index % 6
    turn = index // 6
    if kind in (0, 1):  # French, then Spanish, Portuguese, Polish, Czech
        given, family = LATIN if kind == 0 else SPANISH
        return "latin", given[turn % 8], f"{family[turn // 8 % 8]}-{_suffix(turn // 64)}", ""
    table = {2: ARABIC, 3: CHINESE, 4: CYRILLIC, 5: ARABIC if turn % 2 else CHINESE}[kind]
    given_names, family_names = table
    (given, given_own), (family, family_own) = (
        given_names[turn % len(given_names)],
        family_names[turn // len(given_names) % len(family_names)],
    )
    family = f"{family}-{_suffix(turn // (len(given_names) * len(family_names)))}"
    if kind == 3:
        return "chinese", given, family, f"{family_own}{given_own}"
    if kind == 5:  # mixed: the own-script given name with the Latin family name
        return "mixed", given, family, f"{given_own} {family}"
    return ("arabic" if kind == 2 else "cyrillic"), given, family, f"{given_own} {family_own}"


def _suffix(number: int) -> str:
    """A distinct Latin family-name ending per round (Aalto, Berg, ... then numbered)."""
    endings = ["Aalto", "Berg", "Costa", "Duarte", "Eklund", "Forde", "Gallo", "Holm"]
    return endings[number % 8] + ("" if number < 8 else f" {number // 8}")


def scripts(count: int) -> str:
    counts = Counter(person(index)[0] for index in range(count))
    return ", ".join(f"{script} {number}" for script, number in counts.items())


def make_badges(count: int) -> list[BadgeData]:
    """Badges as printing.badge_data makes them: a signed code's QR modules (made once, as
    at issue), a distinct placeholder portrait each."""
    from badges.signing import new_key_pair, qr_modules, sign
    from config.demo_portraits import portrait

    private_key, _ = new_key_pair()
    badges = []
    for index in range(count):
        _script, given, family, own = person(index)
        category, category_label, entity = ENTITIES[index % len(ENTITIES)]
        serial = index + 1
        code = sign(private_key, 42, 100_000 + index, serial)
        badges.append(
            BadgeData(
                session_title=SESSION_TITLE,
                dates_label="27–31 January 2025",
                category=category,
                category_label=category_label,
                colour=DEFAULT_COLOURS[category],
                photo=portrait(given, family, str(index)),
                latin_name=f"{SALUTATIONS[index % len(SALUTATIONS)]} {given} {family}",
                own_script_name=own,
                entity_name=entity,
                qr_modules=qr_modules(code),
                serial=serial,
                valid_label="27–31 January 2025",
            )
        )
    return badges


def empty_text_caches() -> None:
    """Every run starts with names never seen, as a real batch does."""
    text.fit_text.cache_clear()
    shaped_line.cache_clear()


# --- The bare cost ---------------------------------------------------------------------


def drawing_of(badge: BadgeData) -> dict:
    """What a badge draws, worked out beforehand (outside the bare run): the band and its
    colour, and each run of text already shaped, with its colour, font, size and place. The
    bare run only draws it, with the photo and the QR code."""
    from reportlab.lib.colors import HexColor

    box = preset(LAYOUT).boxes[0]
    plan = plan_badge(badge, box.w, box.h)
    arranged = plan.arrangement
    runs = []
    for name, (_box, style) in arranged.texts.items():
        colour = plan.band_text_colour if style.colour == WHITE else style.colour
        for placed in plan.lines[name]:
            x = placed.x
            for run in placed.line.runs:
                runs.append((HexColor(colour), run.font, placed.size, x, placed.baseline, run.text))
                x += run.width * placed.size
    return {"band": arranged.band, "colour": HexColor(plan.colour), "runs": runs}


def bare_render(badges: list[BadgeData], drawings: list[dict], public_api: bool = False) -> bytes:
    """reportlab alone: the same pages, text, photos and QR codes, nothing checked, at the
    least cost: each photo's bytes embedded as they are (as render does, and as drawImage
    does from a JPEG file, without the file), the QR code's dark runs written as rectangle
    operators in module units. With public_api, only reportlab's public API: each photo
    written to a file for drawImage, the QR code's rectangles drawn as a path."""
    from reportlab.pdfgen.canvas import Canvas

    draw_qr = qr_with_path_api if public_api else qr_with_operators
    stock = preset(LAYOUT)
    arranged = plan_badge(badges[0], stock.boxes[0].w, stock.boxes[0].h).arrangement
    photo, qr = arranged.photo, arranged.qr
    out = io.BytesIO()
    with binary_streams(), tempfile.TemporaryDirectory(prefix="bare-photos-") as directory:
        canvas = Canvas(out, pagesize=(stock.page_width, stock.page_height), pageCompression=1)
        for index, (badge, drawing) in enumerate(zip(badges, drawings, strict=True)):
            band = drawing["band"]
            canvas.setFillColor(drawing["colour"])
            canvas.rect(band.x, band.y, band.w, band.h, stroke=0, fill=1)
            for colour, font, size, x, y, string in drawing["runs"]:
                canvas.setFillColor(colour)
                canvas.setFont(font, size)
                canvas.drawString(x, y, string)
            name = os.path.join(directory, f"{index}.jpg")
            if public_api:
                with open(name, "wb") as file:
                    file.write(badge.photo)
            else:
                embed_jpeg(canvas, name, badge.photo)
            canvas.drawImage(name, photo.x, photo.y, photo.w, photo.h, preserveAspectRatio=True)
            draw_qr(canvas, badge.qr_modules, qr)
            canvas.showPage()
        canvas.save()
    return out.getvalue()


def _dark_runs(modules: list[str]):
    """(column, row from the bottom, length) of each run of dark modules."""
    bottom = len(modules) - 1
    for row_index, row in enumerate(modules):
        start = None
        for column, dark in enumerate(row + "0"):
            if dark == "1" and start is None:
                start = column
            elif dark == "0" and start is not None:
                yield start, bottom - row_index, column - start
                start = None


def qr_with_operators(canvas, modules: list[str], box) -> None:
    from reportlab.lib.colors import black, white

    module = box.w / (len(modules) + 8)
    canvas.setFillColor(white)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=0, fill=1)
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.transform(module, 0, 0, module, box.x + 4 * module, box.y + 4 * module)
    rectangles = [f"{x} {y} {length} 1 re" for x, y, length in _dark_runs(modules)]
    canvas.addLiteral("\n".join([*rectangles, "f"]))
    canvas.restoreState()


def qr_with_path_api(canvas, modules: list[str], box) -> None:
    from reportlab.lib.colors import black, white

    module = box.w / (len(modules) + 8)
    canvas.setFillColor(white)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=0, fill=1)
    canvas.setFillColor(black)
    shape = canvas.beginPath()
    left, bottom = box.x + 4 * module, box.y + 4 * module
    for x, y, length in _dark_runs(modules):
        shape.rect(left + x * module, bottom + y * module, length * module, module)
    canvas.drawPath(shape, stroke=0, fill=1)


# --- Children: one measurement each ----------------------------------------------------


def warm() -> None:
    """Fonts registered (the static instances made once, under VAR_DIR/fonts) and the code
    paths run once, on badges that are not the measured ones."""
    fonts.registered()
    sample = make_badges(6)
    for badge in sample:
        badge.latin_name += " Warm"
        badge.own_script_name += "ي"
    render_badges(sample, LAYOUT)
    bare_render(sample, [drawing_of(badge) for badge in sample])
    empty_text_caches()


def child(args) -> dict:
    with open(args.data, "rb") as file:
        badges = pickle.load(file)[: args.badges]  # noqa: S301 (made by main, just now)
    warm()
    bare = args.measure == "time" or args.impl.startswith("bare")
    drawings = [drawing_of(badge) for badge in badges] if bare else None
    empty_text_caches()
    gc.collect()
    pdf_file = Path(tempfile.gettempdir()) / f"bench-badges-{os.getpid()}.pdf"

    def run(impl: str) -> bytes:
        if impl in ("bare", "bare-api"):
            return bare_render(badges, drawings, public_api=impl == "bare-api")
        empty_text_caches()  # names never seen, as in a real batch
        if impl == "ours":
            return render_badges(badges, LAYOUT).pdf
        with open(pdf_file, "wb") as output:  # ours-file: written out, not kept in memory
            render_badges(badges, LAYOUT, output=output)
        return b""

    try:
        if args.measure == "time":
            return time_runs(run, args.runs)
        return memory(args, badges, run, pdf_file)
    finally:
        pdf_file.unlink(missing_ok=True)


def time_runs(run, runs: int) -> dict:
    """Seconds per run of each, taking turns, so that a load on the machine from elsewhere
    weighs on all alike."""
    seconds = {impl: [] for impl in TIMED}
    for _ in range(runs):
        for impl in TIMED:
            began = time.perf_counter()
            pdf = run(impl)
            seconds[impl].append(time.perf_counter() - began)
            del pdf
            gc.collect()
    return seconds


def memory(args, badges, run, pdf_file: Path) -> dict:
    if args.measure == "trace":
        tracemalloc.start()
        run(args.impl)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"trace_peak": peak}
    before = resident_bytes()
    pdf = run(args.impl)
    peak = peak_resident_bytes()
    if args.impl == "ours-file":
        from pypdf import PdfReader

        assert len(PdfReader(pdf_file, strict=True).pages) == len(badges), "a page per badge"
    return {
        "rss_before": before,
        "max_rss": peak,
        "pdf_bytes": len(pdf) or pdf_file.stat().st_size,
        "data_bytes": sum(len(badge.photo) for badge in badges),
    }


def _status(field: str) -> int:
    with open("/proc/self/status") as file:
        line = next(line for line in file if line.startswith(f"{field}:"))
    return int(line.split()[1]) * 1024


def resident_bytes() -> int:
    return _status("VmRSS")


def peak_resident_bytes() -> int:
    """The process's peak resident size since it started (VmHWM). Not getrusage's
    ru_maxrss: on Linux a child starts with its parent's peak, inherited through fork."""
    return _status("VmHWM")


def measure(data: str, impl: str, count: int, what: str, runs: int = 1) -> dict:
    command = [sys.executable, __file__, "--child", impl, "--measure", what, "--data", data]
    command += ["--badges", str(count), "--runs", str(runs)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


TIMED = ("ours", "bare", "bare-api")
LABELS = {
    "ours": "render_badges",
    "ours-file": "render_badges to a file",
    "bare": "bare reportlab",
    "bare-api": "bare, public API only",  # photo files, QR as a path: for comparison
}


def mb(value: float) -> str:
    return f"{value / 2**20:7.1f} MB"


def main(args) -> None:
    fonts.registered()  # makes the static font instances once, before any child starts
    began = time.perf_counter()
    badges = make_badges(max(args.badges, args.batch))
    made = time.perf_counter() - began
    photos = {badge.photo for badge in badges}
    assert len(photos) == len(badges), "every badge has its own photo"
    print(
        f"{len(badges)} badges made in {made:.1f} s (not counted): distinct JPEG portraits "
        f"of 400 x 500, {sum(map(len, photos)) / len(photos) / 1024:.1f} KB on average; "
        f"QR version {(len(badges[0].qr_modules) - 17) // 4}; layout {LAYOUT}; "
        f"{os.cpu_count()} cores"
    )
    print(f"names: {scripts(args.badges)} (the own-script name beside the Latin one)")
    with tempfile.NamedTemporaryFile(suffix=".pickle") as data:
        pickle.dump(badges, data)
        data.flush()
        del badges, photos
        gc.collect()
        n = args.badges
        times = measure(data.name, "ours", n, "time", args.runs)
        print(f"\n{n} badges, one PDF; {args.runs} runs each, taking turns in one child process:")
        for impl in TIMED:
            best, median = min(times[impl]), statistics.median(times[impl])
            print(
                f"  {LABELS[impl]:<24} best {best:5.2f} s {n / best:5.0f} badges/s, "
                f"median {median:5.2f} s {n / median:5.0f} badges/s"
            )
        ratios = [ours / bare for ours, bare in zip(times["ours"], times["bare"], strict=True)]
        print(
            f"  render_badges / bare: {min(times['ours']) / min(times['bare']):.2f} (best "
            f"against best), {statistics.median(ratios):.2f} (median of the runs' ratios); "
            f"target: at most 1.5"
        )

        print("\nPeak memory, each figure from a child of its own (peak rss = VmHWM of the whole")
        print("process with its data; trace = Python allocations while rendering, tracemalloc):")
        cases = [
            (impl, count) for count in (n, args.batch) for impl in ("ours", "ours-file", "bare")
        ]
        for impl, count in cases:
            rss = measure(data.name, impl, count, "rss")
            trace = measure(data.name, impl, count, "trace")
            print(
                f"  {LABELS[impl]:<24} {count:>5} badges: peak rss {mb(rss['max_rss'])}, "
                f"of which rendering {mb(rss['max_rss'] - rss['rss_before'])}; "
                f"trace peak {mb(trace['trace_peak'])}; PDF {mb(rss['pdf_bytes'])}"
            )
        print(
            f"  (before rendering: Python, Django, the fonts and the badges' data, photos "
            f"{mb(rss['data_bytes']).strip()} for {args.batch})"
        )
        print(f"  target: under 300 MB for {args.batch} badges")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", dest="impl", choices=[*LABELS])
    parser.add_argument("--measure", choices=("time", "rss", "trace"))
    parser.add_argument("--data")
    arguments = parser.parse_args()
    if arguments.impl:
        print(json.dumps(child(arguments)))
    else:
        main(arguments)
