"""Opening the Whoosh index and writing item documents to it."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.writing import CLEAR

from .schema import ItemSchema

WRITER_TIMEOUT = 30.0  # seconds to wait for another process's write lock


def open_index(folder: str | Path) -> Index:
    """Open the index in ``folder``, creating it (and the folder) on first use."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(folder)):
        return whoosh_index.open_dir(str(folder))
    return whoosh_index.create_in(str(folder), ItemSchema())


def write_documents(ix: Index, documents: Iterable[dict[str, Any]],
                    deleted_ids: Iterable[int] = ()) -> None:
    """Add or replace ``documents`` and remove ``deleted_ids``, in one commit."""
    writer = ix.writer(timeout=WRITER_TIMEOUT)
    try:
        for item_id in deleted_ids:
            writer.delete_by_term("id", str(item_id))
        for document in documents:
            writer.update_document(**document)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def replace_all(ix: Index, documents: Iterable[dict[str, Any]]) -> int:
    """Empty the index and fill it with ``documents``; returns how many were written."""
    writer = ix.writer(timeout=WRITER_TIMEOUT)
    count = 0
    try:
        for document in documents:
            writer.add_document(**document)
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=CLEAR)
    return count
