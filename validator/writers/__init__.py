"""Writers: a Skeleton (validator/skeleton.py) as a file — Markdown or Word (.docx).

Both render the same blocks, so a report started in either format reads back with the same
facts (tests/test_new.py)."""
