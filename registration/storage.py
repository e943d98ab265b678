from django.db import transaction


def delete_after_commit(stored: list[tuple]) -> None:
    """Delete these (storage, name) files once the transaction that stopped using them
    commits; a rollback keeps them. Empty names are skipped."""
    stored = [(storage, name) for storage, name in stored if name]
    if stored:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])
