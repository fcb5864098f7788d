"""``python -m mot``: the same command as ``mot``."""

from mot.cli import run

if __name__ == "__main__":
    run()
