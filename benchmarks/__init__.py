"""Timing benchmarks for the solvers (run with ``make bench``; never part of the test suite)."""
