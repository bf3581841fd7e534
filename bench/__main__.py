"""``python -m bench [--quick] [--backend sqlite|postgres|both] [--pg URL]``: see bench/suite.py."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHONHASHSEED", "0")

from bench.suite import main

main()
