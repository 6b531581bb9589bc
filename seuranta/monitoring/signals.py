"""Signals of the reporting rounds, for apps that act on them without monitoring importing them.

`round_closed` is sent once a round's close has been committed (transaction.on_commit), with
`round_id`; receivers should enqueue work rather than do it inline.
"""

from django.dispatch import Signal

round_closed = Signal()
