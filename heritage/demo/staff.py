"""The demo network's libraries and who works in them (invented)."""

#: (slug, name, place, is the regional library)
BRANCHES = [
    ("centrala", "Ezerkalnes novada Centrālā bibliotēka", "Ezerkalne", True),
    ("ezerkalne", "Ezerkalnes pagasta bibliotēka", "Ezerkalne", False),
    ("dzirnupe", "Dzirnupes pagasta bibliotēka", "Dzirnupe", False),
]
#: Which branch holds the originals of each demo collection.
COLLECTION_BRANCH = {"ezermalas-vestis": "centrala", "atminas-un-fotografijas": "ezerkalne",
                     "mutvardu-vesture": "ezerkalne"}
#: (user name, role, branch slug or None, display name)
ACCOUNTS = [
    ("demo-admin", "admin", None, "Administrators"),
    ("demo-koordinatore", "coordinator", "centrala", "Inga Kalniņa"),
    ("demo-bibliotekare", "cataloguer", "ezerkalne", "Māra Ozoliņa"),
    ("demo-brivpratigais", "volunteer", "ezerkalne", "Jānis Liepa"),
]
