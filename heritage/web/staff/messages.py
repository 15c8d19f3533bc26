"""The services' reasons (written in English for logs and the command line) in the
interface language, recognised by their shape; an unknown reason is shown as it is."""
from __future__ import annotations

import re
from typing import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

#: Names of the workflow states and access levels, for every workspace page.
STATUS_LABELS = {"draft": _l("Draft"), "review": _l("In review"), "published": _l("Published"),
                 "withdrawn": _l("Withdrawn"), "deleted": _l("Deleted")}
ACCESS_LABELS = {"public": _l("Public"), "metadata_only": _l("Description only"),
                 "reading_room": _l("Reading room"), "staff": _l("Staff only"),
                 "embargo": _l("Embargo")}


def _state(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def _level(code: str) -> str:
    return str(ACCESS_LABELS.get(code, code))


_KNOWN: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"^item #(\d+) is (\w+): the step '(\w+)' needs an item that is (\w+)"),
     lambda m: _("Item #%(id)s is “%(state)s”; this step needs an item that is “%(needed)s”.",
                 id=m[1], state=_state(m[2]), needed=_state(m[4]))),
    (re.compile(r"^comment: say what should change"),
     lambda m: _("Write a comment saying what should change.")),
    (re.compile(r"^comment: write something"), lambda m: _("Write the comment first.")),
    (re.compile(r"^selection: tick at least one item"), lambda m: _("Tick at least one item.")),
    (re.compile(r"^item id '(.*)' is not a number"),
     lambda m: _("“%(value)s” is not an item number.", value=m[1])),
    (re.compile(r"^no item #(\d+)"), lambda m: _("There is no item #%(id)s.", id=m[1])),
    (re.compile(r"^item #(\d+) belongs to another branch"),
     lambda m: _("Item #%(id)s belongs to another branch.", id=m[1])),
    (re.compile(r"^item #(\d+) is already in "),
     lambda m: _("Item #%(id)s is already in this collection.", id=m[1])),
    (re.compile(r"^item #(\d+) already has this access"),
     lambda m: _("Item #%(id)s already has this access.", id=m[1])),
    (re.compile(r"^item #(\d+) already has "),
     lambda m: _("Item #%(id)s already has this value.", id=m[1])),
    (re.compile(r"^access reason"),
     lambda m: _("A closed item needs a reason: privacy, copyright, donor's terms or other.")),
    (re.compile(r"^embargo date .* has passed"),
     lambda m: _("The embargo's end has passed; give a later day.")),
    (re.compile(r"^embargo date"),
     lambda m: _("Give the day the embargo ends as YYYY-MM-DD, for example 2040-01-01.")),
    (re.compile(r"^access level: choose one"), lambda m: _("Choose an access level.")),
    (re.compile(r"^subject: write"), lambda m: _("Write the subject to add, for example Skolas.")),
    (re.compile(r"^collection '(.*)' does not exist"),
     lambda m: _("Choose a collection from the list.")),
    (re.compile(r"^value: write"), lambda m: _("Write the value.")),
    (re.compile(r"^find: write"), lambda m: _("Write the text to look for.")),
    (re.compile(r"^(\w+) → (\w+)$"), lambda m: f"{_state(m[1])} → {_state(m[2])}"),
]


def explain(reason: object) -> str:
    """``reason`` (an error or its text) as the person reading the page should see it."""
    text = str(reason)
    for pattern, say in _KNOWN:
        found = pattern.match(text)
        if found:
            return say(found)
    return text
