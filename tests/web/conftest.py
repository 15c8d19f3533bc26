"""Fixtures of the web tests: the official OAI-PMH and oai_dc schemas."""
from __future__ import annotations

import pytest
from lxml import etree

from tests.conftest import SHARED


@pytest.fixture(scope="session")
def schemas():
    """OAI-PMH.xsd and oai_dc.xsd from ../shared/schemas (skip when it is absent)."""
    folder = SHARED / "schemas"
    if not (folder / "OAI-PMH.xsd").exists():
        pytest.skip("../shared/schemas is not beside this checkout")
    return {"oai": etree.XMLSchema(etree.parse(str(folder / "OAI-PMH.xsd"))),
            "oai_dc": etree.XMLSchema(etree.parse(str(folder / "oai_dc.xsd")))}
