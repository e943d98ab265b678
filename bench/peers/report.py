"""The peer bench's figures side by side: each round's registration burst (with our floor
of that round), check-ins paced and together, and the badges; then the ratios, over the
rounds' medians."""

import os
import statistics
from collections import Counter

from serving import percentile


def statuses(counted) -> str:
    return " ".join(f"{status}×{number}" for status, number in sorted(Counter(counted).items()))


def burst_rows(options, rounds: dict) -> None:
    print(
        f"\nRegistration burst: {options.requests} requests from {options.clients} clients, "
        f"gunicorn {options.workers} workers, PostgreSQL, {os.cpu_count()} cores; "
        f"{options.seats} seats (pretix: a quota of {options.seats})"
    )
    print(
        f"{'round':<6}{'':<8}{'req/s':>7}{'of floor':>10}{'median ms':>11}{'p99 ms':>9}"
        f"  {'answers':<18}outcome"
    )
    for number, (our, peer) in enumerate(zip(rounds["ours"], rounds["pretix"], strict=True), 1):
        floor = our["floor"]["throughput"]
        for name, result in (
            ("floor", our["floor"]),
            ("ours", our["burst"]),
            ("pretix", peer["burst"]),
        ):
            outcome = result.get("outcome", "bare insert")
            if "mails" in result:
                outcome += f"; {result['mails']} mails sent in the requests"
            print(
                f"{number:<6}{name:<8}{result['throughput']:7.1f}"
                f"{result['throughput'] / floor:10.0%}{result['median']:11.1f}"
                f"{result['p99']:9.1f}  {statuses(result['statuses']):<18}{outcome}"
            )


def scan_rows(options, rounds: dict) -> None:
    print(
        f"\nCheck-in: {options.scanners} scanners × 1 scan/s for {options.seconds} s, one scan "
        f"in ten a repeat; {options.participants} participants (half the codes paced, half "
        f"together); server CPU: gunicorn and PostgreSQL per scan; others: the share of the "
        f"cores that other programs used meanwhile"
    )
    print(
        f"{'round':<6}{'':<8}{'mode':<10}{'median':>8}{'p95':>8}{'p99':>8}{'max':>8} ms"
        f"{'server CPU':>12}{'others':>8}  {'answers':<22}admitted / distinct"
    )
    for number, (our, peer) in enumerate(zip(rounds["ours"], rounds["pretix"], strict=True), 1):
        for name, result in (("ours", our), ("pretix", peer)):
            distinct = sum(len(out["badges"]) for out in result["scans"].values())
            for mode, out in result["scans"].items():
                latencies = out["latencies"]
                cpu = out["cpu"]
                server = (cpu["gunicorn"] + cpu["postgres"]) * 1000 / len(latencies)
                # what the machine's cores did for programs other than this bench
                others = (cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - cpu["clients"]) / (
                    cpu["cores"]
                )
                print(
                    f"{number:<6}{name:<8}{mode:<10}{statistics.median(latencies):8.1f}"
                    f"{percentile(latencies, 0.95):8.1f}{percentile(latencies, 0.99):8.1f}"
                    f"{max(latencies):8.1f}   {server:8.1f} ms{others:8.0%}  "
                    f"{statuses(out['statuses']):<22}"
                    + (f"{result['recorded']} / {distinct}" if mode == "together" else "")
                )


def badge_rows(rendered: dict, runs: int) -> dict:
    count = rendered["ours"]["badges"]
    print(
        f"\nBadges: the same {count} people (Latin names, portraits of 400 × 500), one PDF, "
        f"best of {runs} runs, ms per badge"
    )
    print(f"{'':<8}{'names only':>12}{'with photo':>12}  layout")
    layouts = {
        "ours": "our A6 badge: band, title, name, entity, signed QR code, serial",
        "pretix": "pretix's default badge layout (the name), and a copy with the photo",
    }
    best = {}
    for name in ("ours", "pretix"):
        seconds = rendered[name]["seconds"]
        best[name] = {kind: min(values) * 1000 / count for kind, values in seconds.items()}
        print(f"{name:<8}{best[name]['names']:12.2f}{best[name]['photo']:12.2f}  {layouts[name]}")
    return best


def print_table(options, rounds: dict, rendered: dict | None, seconds: float) -> None:
    burst_rows(options, rounds)
    scan_rows(options, rounds)
    best = badge_rows(rendered, options.badge_runs) if rendered else None

    def middle(system: str, pick) -> float:
        return statistics.median(pick(result) for result in rounds[system])

    ours_rate = middle("ours", lambda result: result["burst"]["throughput"])
    peer_rate = middle("pretix", lambda result: result["burst"]["throughput"])
    ours_median = middle("ours", lambda result: result["burst"]["median"])
    peer_median = middle("pretix", lambda result: result["burst"]["median"])
    print(f"\nOver the {options.rounds} rounds' medians:")
    print(
        f"  burst: ours {ours_rate:.1f} req/s, pretix {peer_rate:.1f} req/s: "
        f"{ours_rate / peer_rate:.1f}× (median latency {ours_median:.1f} ms against "
        f"{peer_median:.1f} ms)"
    )
    for mode in ("paced", "together"):

        def latency(result, mode=mode, share=0.5):
            return percentile(result["scans"][mode]["latencies"], share)

        def server_cpu(result, mode=mode):
            cpu = result["scans"][mode]["cpu"]
            scans = len(result["scans"][mode]["latencies"])
            return (cpu["gunicorn"] + cpu["postgres"]) * 1000 / scans

        print(
            f"  check-in {mode}: median ours {middle('ours', latency):.1f} ms, pretix "
            f"{middle('pretix', latency):.1f} ms: "
            f"{middle('pretix', latency) / middle('ours', latency):.1f}×; server CPU per scan "
            f"ours {middle('ours', server_cpu):.1f} ms, pretix "
            f"{middle('pretix', server_cpu):.1f} ms: "
            f"{middle('pretix', server_cpu) / middle('ours', server_cpu):.1f}×"
        )
    if best:
        for kind in ("names", "photo"):
            print(
                f"  badges ({'names only' if kind == 'names' else 'with photo'}): ours "
                f"{best['ours'][kind]:.2f} ms, pretix {best['pretix'][kind]:.2f} ms: "
                f"{best['pretix'][kind] / best['ours'][kind]:.1f}×"
            )
    if seconds:
        print(f"whole run {seconds / 60:.1f} min")
