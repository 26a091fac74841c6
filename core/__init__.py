"""The bottom layer every app may import: tenancy, capabilities, request facts, exports, job helpers.

It imports no other app of the project (see the import contract in ``.importlinter``).
"""
