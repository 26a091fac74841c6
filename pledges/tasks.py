"""Celery adapters for the pledges app: they take ids and call its services."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def ceremony_notify_task(ceremony_id: int) -> str | None:
    """Queue the apel notice that is due (invitation, reminder, moved, cancelled); a duplicate finds it claimed."""
    from pledges.services.apel_notices import ceremony_notify

    return ceremony_notify(ceremony_id=ceremony_id)


@shared_task(ignore_result=True)
def ceremony_notify_due_task() -> int:
    """Periodic (beat, every minute): one notice task per apel whose notice time has come."""
    from pledges.services.apel_notices import ceremony_notify_due

    due = ceremony_notify_due()
    for ceremony_id in due:
        ceremony_notify_task.delay(ceremony_id)
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def campaign_invite_task(campaign_id: int) -> int:
    """Follow the roster and invite every target of a running campaign not invited yet (idempotent)."""
    from pledges.services.pakta import campaign_invite

    return campaign_invite(campaign_id=campaign_id)


@shared_task(ignore_result=True)
def campaign_sync_due_task() -> int:
    """Periodic: each running campaign follows the roster (newcomers are invited, leavers stop counting)."""
    from pledges.services.pakta import campaigns_sync_due

    due = campaigns_sync_due()
    for campaign_id in due:
        campaign_invite_task.delay(campaign_id)
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def campaign_remind_task(campaign_id: int) -> int:
    """Queue today's reminders of one campaign if its due time has come and this run wins the claim."""
    from pledges.services.pakta import campaign_remind

    return campaign_remind(campaign_id=campaign_id)


@shared_task(ignore_result=True)
def campaign_remind_due_task() -> int:
    """Periodic (beat, every 5 minutes): one reminder task per campaign whose reminder time has come."""
    from pledges.services.pakta import campaigns_remind_due

    due = campaigns_remind_due()
    for campaign_id in due:
        campaign_remind_task.delay(campaign_id)
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def campaign_zip_task(campaign_id: int, unit_id: int, job_id: str) -> str:
    """Build the ZIP of every signed PDF of one work unit of a campaign, reporting progress."""
    from pledges.services.pakta_zip import campaign_zip

    return campaign_zip(campaign_id=campaign_id, unit_id=unit_id, job_id=job_id)
