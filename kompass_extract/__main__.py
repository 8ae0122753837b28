"""``python -m kompass_extract``: the command line."""

import sys

from kompass_extract.cli import main

sys.exit(main())
