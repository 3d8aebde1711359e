"""The app is built from its services: a test hands `build_app` a temporary database, and screens ask the app for it."""

from __future__ import annotations

import pytest
from ui_helpers import settle

from clerk_tui.config import Settings
from clerk_tui.ui.common.desk import DatabaseNotReady, NotLoggedIn


async def test_the_app_works_on_the_database_it_is_given(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.db_ready
        assert app.services is not None and app.services.db is db
        assert app.db is db


def test_the_database_is_not_handed_out_before_it_is_open(make_app):
    app = make_app(Settings(db_url="sqlite://", today="2025-03-14"))
    assert not app.db_ready
    with pytest.raises(DatabaseNotReady):
        _ = app.db


def test_who_is_logged_in_is_asked_of_the_app_not_guessed(make_app):
    app = make_app(Settings(db_url="sqlite://", today="2025-03-14"))
    with pytest.raises(NotLoggedIn):
        _ = app.current_user
