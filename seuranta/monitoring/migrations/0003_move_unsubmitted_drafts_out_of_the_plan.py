"""Drafts saved before 0002 were written into the plan; move the never-submitted ones onto their entries.

Only what a round itself created (rows with extra["round"]) for entries that
were never submitted is moved, so nothing submitted or imported is touched.
A phase a draft already set on its node stays (there is no earlier value to
return to).
"""

from django.db import migrations


def move_drafts(apps, schema_editor):
    RoundEntry = apps.get_model("monitoring", "RoundEntry")
    Measure = apps.get_model("plans", "Measure")
    ProgressEntry = apps.get_model("plans", "ProgressEntry")
    entries = RoundEntry.objects.filter(
        round__state="open", state__in=["draft", "returned"], submitted_at__isnull=True, draft__isnull=True,
    ).select_related("round")
    for entry in entries:
        reporting_round = entry.round
        measures = [m for m in Measure.objects.filter(indicator__node_id=entry.node_id, role="actual",
                                                      period=reporting_round.period).order_by("order", "id")
                    if (m.extra or {}).get("round") == reporting_round.pk]
        progress = [p for p in ProgressEntry.objects.filter(node_id=entry.node_id, period=reporting_round.period)
                    .order_by("order", "id") if (p.extra or {}).get("round") == reporting_round.pk]
        if not measures and not progress:
            continue
        values = {}
        for m in measures:
            values.setdefault(str(m.indicator_id), {"text": m.text, "kind": m.kind, "value": m.value})
        first = progress[0] if progress else None
        entry.draft = {"values": values, "text": first.text if first else "", "phase": first.phase if first else "",
                       "verdict": first.verdict if first else ""}
        entry.progress = None
        entry.save(update_fields=["draft", "progress"])
        Measure.objects.filter(pk__in=[m.pk for m in measures]).delete()
        ProgressEntry.objects.filter(pk__in=[p.pk for p in progress]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_entry_draft"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_drafts, migrations.RunPython.noop),
    ]
