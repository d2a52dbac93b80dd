"""OpenTID schemas: the incidents definition, the generated artefacts, the other tables and the gate.

``SCHEMA_VERSION`` is the semantic version of ``schemas/incidents.yaml`` (bump major on a removed or
retyped column, minor on an added column or code, patch on description-only changes).
"""

from __future__ import annotations

from schemas.definition import load_definition

SCHEMA_VERSION: str = load_definition().schema_version

__all__ = ["SCHEMA_VERSION"]
