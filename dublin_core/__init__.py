"""Dublin Core for the heritage archive: DCMES 1.1 plus the DCMI Terms refinements we use.

A pure library (lxml + standard library only), usable outside the web app.

Modules:

* :mod:`dublin_core.model` -- :class:`Record` and :class:`Value`; the 15 ``ELEMENTS``, the
  ``TERMS`` refinements and ``REFINES`` (term -> element); ``Record.simple()`` dumbs down.
* :mod:`dublin_core.xml` -- OAI-PMH ``oai_dc`` and qualified DC (``qdc``) XML, written and
  parsed safely (no DTDs, entities or network; size limit).
* :mod:`dublin_core.json` -- records as JSON in the ``Record.to_dict()`` shape.
* :mod:`dublin_core.csv` -- Omeka-style and simple CSV: headings, rows, whole files.
* :mod:`dublin_core.edtf` -- EDTF level 0/1 and W3CDTF dates, year ranges for facets, and
  EDTF suggestions for dates as Latvian and Lithuanian staff type them.
* :mod:`dublin_core.cite` -- :class:`Citation`: Latvian-style text, RIS, BibTeX and CSL-JSON;
  :func:`latvian_citation` formats a newspaper clipping's citation.
* :mod:`dublin_core.validate` -- cataloguing checks returning :class:`Problem` objects.
* :mod:`dublin_core.messages` -- librarian-readable messages for problems (lv, lt, en).
* :mod:`dublin_core.vocab` -- DCMI types and the archive's language codes.
* :mod:`dublin_core.errors` -- :class:`DublinCoreError` (a ``ValueError``).

>>> import dublin_core
>>> record = dublin_core.Record()
>>> record.add("title", "Šiaulių katedra", lang="lt")
>>> b"<dc:title xml:lang=\\"lt\\">" in dublin_core.to_oai_dc_string(record)
True
>>> len(dublin_core.ELEMENTS), len(dublin_core.TERMS)
(15, 15)
>>> record.add("created", "ap 1935")
>>> [dublin_core.message(p, "en") for p in dublin_core.validate_record(record)]
['Date Created “ap 1935” is not in the standard form. Did you mean “1935~” (circa 1935)?']
"""

from dublin_core.cite import Citation, citation_from_record, latvian_citation
from dublin_core.csv import read_csv, write_csv
from dublin_core.edtf import EdtfDate, Suggestion, is_valid_date, parse_edtf, suggest_edtf, year_range
from dublin_core.errors import DublinCoreError, UnknownElementError
from dublin_core.json import from_json, to_json
from dublin_core.messages import message
from dublin_core.model import ELEMENTS, REFINES, TERMS, Record, Value
from dublin_core.validate import Problem, validate_record
from dublin_core.xml import (
    DCTERMS_NS,
    QDC_NS,
    QDC_SCHEMA,
    from_oai_dc,
    from_qdc,
    to_oai_dc,
    to_oai_dc_string,
    to_qdc,
    to_qdc_string,
)

__all__ = [
    "DCTERMS_NS",
    "ELEMENTS",
    "QDC_NS",
    "QDC_SCHEMA",
    "REFINES",
    "TERMS",
    "Citation",
    "DublinCoreError",
    "EdtfDate",
    "Problem",
    "Record",
    "Suggestion",
    "UnknownElementError",
    "Value",
    "citation_from_record",
    "from_json",
    "from_oai_dc",
    "from_qdc",
    "is_valid_date",
    "latvian_citation",
    "message",
    "parse_edtf",
    "read_csv",
    "suggest_edtf",
    "to_json",
    "to_oai_dc",
    "to_oai_dc_string",
    "to_qdc",
    "to_qdc_string",
    "validate_record",
    "write_csv",
    "year_range",
]
