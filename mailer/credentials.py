"""Messages that carry a credential: a link that logs someone in, activates an account, resets a
password or signs a document.

Such a link is never stored — not in the outbox, not in the audit trail, not in a log. The outbox
keeps the message with :data:`PLACEHOLDER` where the link goes and the means to make it (a purpose
and a reference, e.g. ``("people.activation", user.pk)``); the link is made by the maker registered
for that purpose at the moment the message is sent. A token generator that depends on the state of
what it unlocks (Django's ``PasswordResetTokenGenerator``, a signing invitation's hash) gives a link
that is valid when it arrives and dies when it is used.

Apps register their makers in ``AppConfig.ready()``::

    credentials.register("people.activation", make_activation_link)

A maker takes the outbox row and returns the absolute URL, or ``None`` when the credential is no
longer wanted (the account was activated meanwhile, the invitation was revoked): the message is
then cancelled instead of sent.
"""

from collections.abc import Callable

from django.utils.html import escape

PLACEHOLDER = "__NETRALITAS_CREDENTIAL_LINK__"

Maker = Callable[[object], str | None]
_makers: dict[str, Maker] = {}


class UnknownCredential(LookupError):
    """A message names a credential purpose that no app registered."""


def register(purpose: str, maker: Maker) -> None:
    _makers[purpose] = maker


def is_registered(purpose: str) -> bool:
    return purpose in _makers


def make_link(email) -> str | None:
    try:
        maker = _makers[email.credential]
    except KeyError:
        raise UnknownCredential(f"no maker registered for credential {email.credential!r}") from None
    return maker(email)


def fill(text: str, link: str, *, html: bool = False) -> str:
    """The stored body with the freshly made link in place of the placeholder."""
    return text.replace(PLACEHOLDER, escape(link) if html else link)
