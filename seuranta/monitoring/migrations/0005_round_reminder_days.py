from django.db import migrations, models

import seuranta.monitoring.models
from seuranta.plans import guard


def lift_guard(apps, schema_editor):
    """SQLite rebuilds the rounds table to add the column; the triggers naming it go first (and come back below)."""
    guard.remove_triggers(schema_editor.connection)


def restore_guard(apps, schema_editor):
    guard.install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_closed_rounds_stay_closed"),
    ]

    operations = [
        migrations.RunPython(lift_guard, restore_guard),
        migrations.AddField(
            model_name="reportinground",
            name="reminder_days",
            field=models.JSONField(
                blank=True,
                default=seuranta.monitoring.models.default_reminder_days,
                verbose_name="automatic reminders",
            ),
        ),
        migrations.RunPython(restore_guard, lift_guard),
    ]
