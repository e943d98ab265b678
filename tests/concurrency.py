"""Start many threads at the same instant, each doing one attempt against the database."""

import threading

from django.db import connection

# PostgreSQL here allows 100 connections: threads all start at once, and at most this many
# talk to the database together.
CONNECTIONS = threading.BoundedSemaphore(40)


def at_once(count: int, attempt, expected) -> list:
    """Run attempt(index) in `count` threads released together. Returns each outcome in
    index order: what the attempt returned, or the `expected` exception (a class or a
    tuple of classes, empty for none) it raised. Any
    other exception is re-raised, so that it fails the test."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            with CONNECTIONS:
                outcomes[index] = attempt(index)
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for outcome in outcomes:
        if isinstance(outcome, Exception) and not isinstance(outcome, expected):
            raise outcome
    return outcomes
