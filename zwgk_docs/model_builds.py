"""When the plan model's pydantic validators are built: with the classes (the default), or when first used.

Building them (a core schema, a validator and a serializer per class, ~18 classes) is ~30 ms of
importing zwgk_docs.model. The executable (entry.run) asks for first use before anything imports
the model: `zwgk build PLAN` imports it before it forks its PDF process, which never validates a
plan; the main process then builds only what reading the plan uses (Plan's validator, the nested
classes in it), ~15 ms, after the fork. Library use and a batch's workers' server keep the default:
a server builds them once for all its workers.
"""

from __future__ import annotations

ON_FIRST_USE = False
