"""The Gresik demo: ``asnbot demo`` fills an empty database with realistic data.

``build_demo`` writes it; ``DEMO_EMPLOYEES`` and ``DEMO_ADMIN_ID`` are the fixed
identities to log in with (see ``docs/demo.md``).
"""

from bot.demo.build import DemoRefused, DemoSummary, build_demo, demo_employee
from bot.demo.people import DEMO_ADMIN_ID, DEMO_EMPLOYEES, DemoEmployee

__all__ = [
    "DEMO_ADMIN_ID",
    "DEMO_EMPLOYEES",
    "DemoEmployee",
    "DemoRefused",
    "DemoSummary",
    "build_demo",
    "demo_employee",
]
