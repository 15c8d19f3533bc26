"""How a stored file reaches the visitor: streamed through heritage, or by a presigned redirect.

Presigned delivery (HERITAGE_S3_DELIVERY=presigned, S3 backend only) sends the browser
straight to the bucket with a URL that works for HERITAGE_S3_PRESIGN_SECONDS, so large
originals and listening copies no longer pass through the web workers. The access check has
always run before this is asked (the services that make a :class:`StoredFile` raise for a
closed file), and only files open to *everyone* get a URL: a URL works from anywhere until it
expires, so reading-room material, closed files shown to staff, and everything not marked
``open_to_all`` are streamed, where each request is checked.
"""
from __future__ import annotations

from flask import current_app

from . import media_store
from .page_files import StoredFile


def presigned_url(stored: StoredFile, *, attachment: bool) -> str | None:
    """A short-lived direct URL for ``stored``, or None when it is to be streamed."""
    config = current_app.config
    if stored.key is None or not stored.open_to_all:
        return None
    if config["HERITAGE_MEDIA_BACKEND"] != "s3" or config["HERITAGE_S3_DELIVERY"] != "presigned":
        return None
    return media_store().presigned_url(stored.key, seconds=config["HERITAGE_S3_PRESIGN_SECONDS"],
                                       mimetype=stored.mimetype, filename=stored.name,
                                       attachment=attachment)
