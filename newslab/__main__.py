"""``python -m newslab`` runs the command line."""

import sys

from newslab.cli import main

sys.exit(main())
