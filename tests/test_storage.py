"""The local media store: atomic writes, keys that never escape the root."""
from __future__ import annotations

import io

import pytest

from heritage.errors import MediaMissing
from heritage.storage import LocalMediaStore, derivative_key, original_key


def test_put_open_size_delete(tmp_path):
    store = LocalMediaStore(tmp_path)
    key = original_key("ab" * 32, ".TIF")
    store.put_stream(key, io.BytesIO(b"skenets"))
    assert key.endswith(".tif") and store.exists(key) and store.size(key) == 7
    with store.open(key) as handle:
        assert handle.read() == b"skenets"
    store.delete(key)
    assert not store.exists(key)
    assert list(tmp_path.rglob("tmp*")) == []


def test_missing_file_is_a_domain_error(tmp_path):
    with pytest.raises(MediaMissing, match="missing"):
        LocalMediaStore(tmp_path).open(derivative_key("cd" * 32, 0, "web"))


@pytest.mark.parametrize("key", ["../etc/passwd", "/etc/passwd", "originals/../../x", ""])
def test_keys_cannot_escape_the_store(tmp_path, key):
    with pytest.raises(ValueError, match="invalid media key"):
        LocalMediaStore(tmp_path).put_bytes(key, b"x")
