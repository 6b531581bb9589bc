import pytest


@pytest.fixture(autouse=True)
def _e2e_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
