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


# --- the store contract, on the local disk and on a real S3 server (moto) -------------------

@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    """A LocalMediaStore under tmp_path, or an S3MediaStore in a new bucket of the test server."""
    if request.param == "local":
        return LocalMediaStore(tmp_path)
    from heritage.storage_s3 import S3MediaStore

    server = request.getfixturevalue("s3_environment")
    return S3MediaStore(server.bucket(), endpoint_url=server.endpoint_url, prefix="archive-a")


BLOB = bytes(range(256)) * 8192  # 2 MiB, every byte value, so an off-by-one shows


def test_contract_put_open_seek_size_delete(store):
    key = original_key("ef" * 32, ".tif")
    assert not store.exists(key)
    store.put_stream(key, io.BytesIO(BLOB))
    assert store.exists(key) and store.size(key) == len(BLOB)
    with store.open(key) as handle:
        assert handle.seekable() and handle.read(10) == BLOB[:10]
        assert handle.seek(1_500_000) == 1_500_000 and handle.read(7) == BLOB[1_500_000:1_500_007]
        assert handle.seek(-5, io.SEEK_END) == len(BLOB) - 5 and handle.read() == BLOB[-5:]
        assert handle.read(1) == b""
        handle.seek(3)
        assert handle.tell() == 3 and handle.read() == BLOB[3:]
    store.delete(key)
    store.delete(key)  # deleting what is not there is no error
    assert not store.exists(key)


def test_contract_put_bytes_and_file_replace_what_was_there(store, tmp_path):
    key = derivative_key("ab" * 32, 0, "web")
    store.put_bytes(key, b"pirmais")
    source = tmp_path / "otrais.jpg"
    source.write_bytes(b"otrais")
    store.put_file(key, source)
    with store.open(key) as handle:
        assert handle.read() == b"otrais"
    store.put_bytes(key, b"")  # an empty file (a pyramid's completion mark) is a file too
    assert store.exists(key) and store.size(key) == 0 and store.open(key).read() == b""


def test_contract_keys_lists_what_is_stored(store):
    names = [original_key("01" * 32, ".png"), derivative_key("01" * 32, 0, "thumb"),
             "contributions/7/1.jpg"]
    for name in names:
        store.put_bytes(name, name.encode())
    assert sorted(store.keys()) == sorted(names)


@pytest.mark.parametrize("method", ["open", "size"])
def test_contract_a_missing_key_is_media_missing_naming_it(store, method):
    key = derivative_key("cd" * 32, 3, "web")
    with pytest.raises(MediaMissing, match=f"{key}.* is missing"):
        getattr(store, method)(key)


@pytest.mark.parametrize("key", ["../etc/passwd", "/etc/passwd", "originals/../../x", ""])
def test_contract_keys_cannot_escape(store, key):
    with pytest.raises(ValueError, match="invalid media key"):
        store.put_bytes(key, b"x")


def test_local_keys_leave_out_unfinished_writes_and_files_in_the_root(tmp_path):
    store = LocalMediaStore(tmp_path)
    store.put_bytes("derivatives/ab/cd/x/0-web.jpg", b"web")
    (tmp_path / "derivatives" / "ab" / "cd" / "x" / "tmpk2j4_x9q").write_bytes(b"half")
    (tmp_path / "README.md").write_text("media/ holds the archive's files")
    assert list(store.keys()) == ["derivatives/ab/cd/x/0-web.jpg"]


def test_contract_put_many_stores_every_file(store):
    tiles = [(f"derivatives/ab/cd/x/0-zoom256/3/{n}_0.jpg", b"tile %d" % n) for n in range(150)]
    store.put_many(iter(tiles))
    assert sorted(store.keys()) == sorted(key for key, _ in tiles)
    assert store.open(tiles[77][0]).read() == b"tile 77"
