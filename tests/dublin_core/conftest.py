"""Fixtures for the dublin_core tests."""

from pathlib import Path

import pytest
from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "schemas"


@pytest.fixture(scope="session")
def oai_dc_schema() -> etree.XMLSchema:
    """The official oai_dc XSD (with its local simpledc and xml.xsd imports)."""
    path = SCHEMA_DIR / "oai_dc.xsd"
    if not path.is_file():
        pytest.skip(f"oai_dc schema not found at {path} (the ../shared/schemas folder is absent)")
    return etree.XMLSchema(etree.parse(str(path)))
