
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from seuranta.plans import guard


def install_triggers(apps, schema_editor):
    """Database triggers that make the change history append-only (see seuranta.plans.guard)."""
    guard.install_triggers(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    guard.remove_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='changerecord',
            name='node',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='plans.node', verbose_name='node'),
        ),
        migrations.AlterField(
            model_name='changerecord',
            name='plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='plans.plan', verbose_name='plan'),
        ),
        migrations.AlterField(
            model_name='changerecord',
            name='user',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
