"""The violations app's writes: catalogue.py, reports.py, cases.py, notify.py (emails), files.py."""
