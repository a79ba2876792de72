"""The benchmark harness: metrics, peer adapters, the runner and the report.

Only :mod:`benchmarks.metrics` is imported by the unit tests; the rest needs
the ``bench`` extra and the datasets, and is run by hand (see README.md here).
"""
