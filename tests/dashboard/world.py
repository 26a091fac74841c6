"""The walk's view of the dashboard app."""

from tests.world import AUTHENTICATED, world

world.route("home", AUTHENTICATED)
