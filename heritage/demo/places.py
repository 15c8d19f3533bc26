"""The demo gazetteer: the invented parish of heritage.demo.texts, with invented coordinates.

Ezermalas novads and its villages do not exist; they are put in Latgale, among real lakes,
so that the demo map looks like the kind of place it stands for. Ežerėliai, the Lithuanian
neighbour, lies across the border near Zarasai. Lithuanian levels use the Latvian kinds they
correspond to: rajono savivaldybė as novads, seniūnija as pagasts, kaimas as ciems.
"""
from __future__ import annotations

from ..services.places import PlaceEntry

DEMO_PLACES = (
    PlaceEntry("Latvija", "country", "", 56.88, 24.60, ("Latvia", "Łotwa", "Латвия")),
    PlaceEntry("Lietuva", "country", "", 55.17, 23.88, ("Lithuania", "Litwa", "Литва")),
    PlaceEntry("Ezermalas novads", "novads", "Latvija", 56.15, 27.10, ("Ezermalas nov.",)),
    PlaceEntry("Ezerkalnes pagasts", "pagasts", "Ezermalas novads", 56.16, 27.05,
               ("Ezerkalnes pag.",)),
    PlaceEntry("Ezerkalne", "ciems", "Ezerkalnes pagasts", 56.1612, 27.0534,
               ("Ezerkalnes ciems", "Azarkolns")),
    PlaceEntry("Zīlēni", "ciems", "Ezerkalnes pagasts", 56.1841, 27.1176, ("Zīlēnu ciems",)),
    PlaceEntry("Dzērves", "ciems", "Ezerkalnes pagasts", 56.1377, 27.0112, ()),
    PlaceEntry("Mežvidi", "ciems", "Ezerkalnes pagasts", 56.2108, 26.9875, ()),
    PlaceEntry("Ūdriņi", "ciems", "Ezerkalnes pagasts", 56.1264, 27.1439,
               ("Ūdriņu ciems", "Ūdrupes dzirnavas")),
    PlaceEntry("Robežnieki", "ciems", "Ezerkalnes pagasts", 56.2290, 27.2312, ()),
    PlaceEntry("Ežerynų rajonas", "novads", "Lietuva", 55.80, 26.00,
               ("Ežerynų rajono savivaldybė",)),
    PlaceEntry("Ežerėlių seniūnija", "pagasts", "Ežerynų rajonas", 55.89, 25.93, ()),
    PlaceEntry("Ežerėliai", "ciems", "Ežerėlių seniūnija", 55.8937, 25.9121, ("Ezereliai",)),
)
"""Parents come before the places inside them, as :func:`seed_places` needs."""
