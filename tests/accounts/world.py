"""The walk's view of the account pages: all public (they are how one gets an account), or one's own."""

from tests.world import AUTHENTICATED, world

TOKEN_SAMPLE = {"uidb64": "MQ", "token": "x-y"}

world.public("login", "the login form")
world.public("logout", "logging out needs no account (POST only; GET answers 405)")
world.public("activation_request", "an ASN asks for an activation link before having a password")
world.public("activation_sent", "static 'check your mail' page")
world.public("activation_confirm", "the emailed activation link; the signed token is the credential", TOKEN_SAMPLE)
world.public("invitation_confirm", "the emailed staff invitation; the signed token is the credential", TOKEN_SAMPLE)
world.public("password_reset", "forgotten password form")
world.public("password_reset_done", "static 'check your mail' page")
world.public("password_reset_confirm", "the emailed reset link; the signed token is the credential", TOKEN_SAMPLE)
world.public("password_reset_complete", "static 'password changed' page")
world.public("set_language", "Django's language switch, used on the login page")
world.public("language_set", "the language switch of the layout (POST only); stores the choice if logged in")
world.public(
    "media",
    "DEBUG-only file server added by static() in netralitas/urls.py; never mounted in production",
    {"path": "does-not-exist.txt"},
    optional=True,
)

world.route("password_change", AUTHENTICATED)
world.route("password_change_done", AUTHENTICATED)
