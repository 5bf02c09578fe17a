"""``python -m calculators --params FILE list | describe ID | run ID --input FILE`` (calckit/cli.py)."""

import sys

from calckit.cli import main

from . import MODULES  # noqa: F401 (importing the package makes it the one in use)

if __name__ == "__main__":
    sys.exit(main())
