"""What every app needs and no app owns: the domain error, safe tables for exports, checks
of one-line text. Imports nothing of ours (see tests/test_dependencies.py)."""
