"""`python -m r57tui`."""

import sys

from .cli import main

sys.exit(main())
