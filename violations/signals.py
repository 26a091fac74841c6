"""Signals other apps may listen to (the sanctions app reacts to a case reaching its part of the workflow).

``case_transitioned(sender=Case, case, action, by)`` is sent after the transaction that moved the case commits.
"""

from django.dispatch import Signal

case_transitioned = Signal()
