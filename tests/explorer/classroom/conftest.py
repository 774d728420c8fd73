"""Every classroom test leaves the application's look as it found it (light, normal type)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def default_look(qapp):
    from explorer.classroom.appearance import Appearance

    yield
    appearance = Appearance.for_application(qapp)
    if not appearance.is_default():
        appearance.set(dark=False, high_contrast=False, font_scale=1.0)
