"""Organisations get a slug, the address of their public site (/o/<slug>/)."""

from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    from seuranta.plans.models import unique_slug

    Organization = apps.get_model("plans", "Organization")
    for organization in Organization.objects.order_by("pk"):
        organization.slug = unique_slug(organization.name, Organization.objects.exclude(pk=organization.pk))
        organization.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_node_contributes_to")]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="slug",
            # No index yet: the unique constraint below brings it (and PostgreSQL's _like index) once.
            field=models.SlugField(
                max_length=80, null=True, db_index=False, verbose_name="address on the public site"
            ),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organization",
            name="slug",
            field=models.SlugField(max_length=80, unique=True, verbose_name="address on the public site"),
        ),
    ]
