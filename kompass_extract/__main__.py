"""``python -m kompass_extract``: the command line."""

import sys

from kompass_extract.cli import main

if __name__ == "__main__":  # not when a worker process is started afresh (spawn, Windows)
    sys.exit(main())
