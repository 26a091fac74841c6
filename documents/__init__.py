"""Every PDF the portal issues: rendered (documents/pdf.py), signed with the region's certificate
(documents/signing.py), stored with its SHA-256 and a public code, and verified on the public page
/verifikasi/ (documents/services.py). Features register their document kinds (documents/kinds.py).

It imports only core and audit (the import contract): regions are read through core.tenancy.region_model().
"""
