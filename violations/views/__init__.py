"""The violations app's pages: cases.py, reports.py (staff), public.py (no login), asn.py, catalogue.py, files.py."""
