"""Helpers the test modules share (no tests here): hand-built graphs, the recognizer's output in the shapes tests assert on.

tests/ is on ``sys.path`` when pytest runs (the rootdir's test folder), so a test module imports them as
``from support.graphs import listing_a``.
"""
