"""Dublin Core (DCMES 1.1) records for the heritage archive: model, vocabularies, oai_dc XML, CSV.

A pure library (lxml + standard library only), usable outside the web app.

>>> import dublin_core
>>> record = dublin_core.Record()
>>> record.add("title", "Šiaulių katedra", lang="lt")
>>> b"<dc:title xml:lang=\\"lt\\">" in dublin_core.to_oai_dc_string(record)
True
>>> len(dublin_core.ELEMENTS)
15
"""

from dublin_core.errors import DublinCoreError, UnknownElementError
from dublin_core.model import ELEMENTS, Record, Value
from dublin_core.xml import from_oai_dc, to_oai_dc, to_oai_dc_string

__all__ = [
    "ELEMENTS",
    "DublinCoreError",
    "Record",
    "UnknownElementError",
    "Value",
    "from_oai_dc",
    "to_oai_dc",
    "to_oai_dc_string",
]
