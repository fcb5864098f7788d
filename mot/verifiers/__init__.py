"""Answer checkers: pure functions from (reference, response) to a verdict, run in worker processes."""
