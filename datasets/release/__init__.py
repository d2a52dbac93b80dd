"""The release builder: stage, describe, validate, promote.

``builder.build_release`` is the one entry point; the other modules each write one artefact of a
release folder (changes, datapackage, citation, dataset card, checksums) or move it into place
(``promote``).
"""
