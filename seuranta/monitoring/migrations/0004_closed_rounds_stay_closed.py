
import seuranta.monitoring.models
from django.conf import settings
from django.db import migrations, models

from seuranta.plans import guard


def install_triggers(apps, schema_editor):
    """Database triggers that make closed rounds, their entries and snapshots unchangeable (see seuranta.plans.guard)."""
    guard.install_triggers(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    guard.remove_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0003_move_unsubmitted_drafts_out_of_the_plan'),
        ('plans', '0002_history_is_append_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='reportinground',
            name='closed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=seuranta.monitoring.models.set_null_unless_closed, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by'),
        ),
        migrations.AlterField(
            model_name='reportinground',
            name='opened_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=seuranta.monitoring.models.set_null_unless_closed, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by'),
        ),
        migrations.AlterField(
            model_name='reportinground',
            name='plan',
            field=models.ForeignKey(on_delete=seuranta.monitoring.models.protect_closed_rounds, related_name='rounds', to='plans.plan', verbose_name='plan'),
        ),
        migrations.AlterField(
            model_name='reportinground',
            name='root',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Empty: the whole plan.', null=True, on_delete=seuranta.monitoring.models.cascade_unless_closed, related_name='+', to='plans.node', verbose_name='part of the plan'),
        ),
        migrations.AlterField(
            model_name='roundentry',
            name='node',
            field=models.ForeignKey(db_constraint=False, on_delete=seuranta.monitoring.models.cascade_unless_closed, related_name='round_entries', to='plans.node', verbose_name='node'),
        ),
        migrations.AlterField(
            model_name='roundentry',
            name='progress',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=seuranta.monitoring.models.set_null_unless_closed, related_name='+', to='plans.progressentry', verbose_name='progress text'),
        ),
        migrations.AlterField(
            model_name='roundentry',
            name='updated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=seuranta.monitoring.models.set_null_unless_closed, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last saved by'),
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
