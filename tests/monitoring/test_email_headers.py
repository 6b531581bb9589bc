from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.tasks import send_return_notice
from seuranta.plans.models import Node


def test_a_return_notice_is_sent_for_a_node_whose_title_has_line_breaks(reporting, mailoutbox):
    Node.objects.filter(pk=reporting.mine.node_id).update(title="Toimenpide\nkahdella rivillä")
    RoundEntry.objects.filter(pk=reporting.mine.pk).update(return_note="Lisää luvut")
    assert send_return_notice.enqueue(reporting.mine.pk, "https://x/").return_value == 1
    assert "Toimenpide kahdella rivillä" in mailoutbox[0].subject
