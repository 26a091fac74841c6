"""Production mode: `check --deploy` is clean with proper values, and a missing secret stops the start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The test run's own settings, and the async-unsafe switch the browser tests set (check --deploy warns of it).
SCRUBBED = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    # No .env either: these tests are about what the environment alone gives.
    environment.update(DJANGO_SETTINGS_MODULE="netralitas.settings", NETRALITAS_ENV_FILE="", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_production_settings_pass_the_deployment_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="netralitas.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="netralitas.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    """A deployment that forgets DEBUG runs in production mode: it refuses the dev key and says how to fix it."""
    result = manage("check", ALLOWED_HOSTS="netralitas.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr and "make setup" in result.stderr


def test_the_trial_env_file_turns_on_the_trial_mode(tmp_path):
    """What `make setup` writes (DEBUG=1 and a generated key) is enough for every manage.py command."""
    env_file = tmp_path / ".env"
    result = subprocess.run(
        ["make", "-s", f"ENV_FILE={env_file}", "env-file"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    text = env_file.read_text()
    assert "DEBUG=1" in text and "insecure" not in text
    key = next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith("SECRET_KEY="))
    assert len(key) >= 50
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"
    environment = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    environment.update(DJANGO_SETTINGS_MODULE="netralitas.settings", NETRALITAS_ENV_FILE=str(env_file))
    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip().splitlines()[-1] == "True"
    # Written once: a second run keeps the key (sessions and links stay valid).
    subprocess.run(["make", "-s", f"ENV_FILE={env_file}", "env-file"], cwd=ROOT, check=True, capture_output=True)
    assert env_file.read_text() == text
