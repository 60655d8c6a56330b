"""Where things are, for every test (tests/ is on pytest's pythonpath)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
