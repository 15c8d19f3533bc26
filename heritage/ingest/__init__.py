"""Turning scans into pages: reading images, preprocessing, OCR, derivatives.

Nothing here touches the database or the media store: these functions take files and
return plain results, so they run in worker processes and in ``heritage ocr`` alike.
"""
