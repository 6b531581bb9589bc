from django import template

from seuranta.values.models import settings_for

register = template.Library()


@register.simple_tag
def open_data_licence(plan):
    """The licence of the plan's organisation (or the default)."""
    return settings_for(plan.organization_id)
