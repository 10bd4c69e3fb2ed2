"""``python -m symconv``: the command line (Ctrl-C while it starts up exits 130 too)."""

import sys

try:
    from symconv.cli import main
except KeyboardInterrupt:
    print("symconv: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
