import pytest

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """The parse of an upload runs in the request, as it does in a worker, within the same limits."""
    settings.TASKS = IMMEDIATE
