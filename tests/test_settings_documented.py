"""Every environment variable Seuranta reads is in the README's configuration table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READS = re.compile(r"""(?:environ\.get\(|environ\[|_env_bool\()\s*["']([A-Z][A-Z0-9_]+)["']""")
# Set by Seuranta itself for Django or for its child processes, not by whoever deploys it.
INTERNAL = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "LANG"}


def test_every_environment_variable_read_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration") :]
    read = {
        name
        for path in (ROOT / "seuranta").rglob("*.py")
        for name in READS.findall(path.read_text(encoding="utf-8"))
    } - INTERNAL
    assert {
        "DATABASE_URL",
        "DEBUG",
        "SECURE_COOKIES",
        "CSRF_TRUSTED_ORIGINS",
    } <= read  # the pattern finds them
    missing = sorted(name for name in read if f"`{name}`" not in table)
    assert not missing, f"not in the README's configuration table: {missing}"
