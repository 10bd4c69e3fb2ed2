"""``python -m symconv``: the command line."""

import sys

from symconv.cli import main

sys.exit(main())
