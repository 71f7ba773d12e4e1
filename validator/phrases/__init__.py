"""The phrasebook (rules/phrases/*.yaml) and its matcher: how reports word the facts rules read.

    book = load_phrasebook()
    for st in find(book, "applications.received", text): st.value, st.quote, st.start

See docs/phrasebook.md.
"""
from validator.phrases.book import Kind, Phrasebook, example_origin, load_phrasebook
from validator.phrases.match import Statement, find

__all__ = ["Kind", "Phrasebook", "Statement", "example_origin", "find", "load_phrasebook"]
