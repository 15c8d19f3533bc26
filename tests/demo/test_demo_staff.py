"""The demo's branches and staff accounts: made once, passwords kept private."""
from __future__ import annotations

import stat

from heritage.extensions import db
from heritage.models import Branch, User
from heritage.services import accounts
from heritage.services.demo import seed_demo_staff
from tests.factories import make_item


def test_demo_staff_is_seeded_once_with_private_passwords(app, tmp_path):
    item = make_item(collection="ezermalas-vestis")
    lines = list(seed_demo_staff(tmp_path))
    assert any("demo-admin" in line for line in lines)
    path = tmp_path / "demo-accounts.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    username, password = path.read_text().splitlines()[0].split()[:2]
    assert accounts.authenticate(username, password).role == "admin"
    assert db.session.get(type(item), item.id).branch.slug == "centrala"
    again = list(seed_demo_staff(tmp_path))
    assert not any("demo-admin " in line for line in again)
    assert db.session.query(User).count() == 4 and db.session.query(Branch).count() == 3
    assert len(path.read_text().splitlines()) == 4
