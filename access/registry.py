"""The registry of models that the generic views, API and generated tests know about.

Registering a model is what gives it list, detail, edit, delete and history views, API
endpoints and the generated permission and history tests (NetBox ``register_model_view``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class ModelEntry:
    model: type
    kind: Literal["business", "reference"]
    # URL namespace and the api basename ("<app>:<model>_list", "api:<basename>-list").
    namespace: str
    api_basename: str
    # Who may add, change and delete reference data.
    editor_roles: tuple[str, ...] = field(default=())

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    def url_name(self, view: str) -> str:
        suffix = "" if view == "detail" else "_" + view
        return f"{self.namespace}:{self.model_name}{suffix}"


class Registry:
    def __init__(self) -> None:
        self._entries: dict[type, ModelEntry] = {}

    def register(self, entry: ModelEntry) -> None:
        self._entries[entry.model] = entry

    def get(self, model: type) -> ModelEntry | None:
        return self._entries.get(model)

    def business(self) -> list[ModelEntry]:
        return [e for e in self._entries.values() if e.kind == "business"]

    def all(self) -> list[ModelEntry]:
        return list(self._entries.values())


registry = Registry()


def register_model(
    model: type,
    *,
    kind: Literal["business", "reference"] = "business",
    namespace: str | None = None,
    api_basename: str | None = None,
    editor_roles: tuple[str, ...] = (),
) -> type:
    registry.register(
        ModelEntry(
            model=model,
            kind=kind,
            namespace=namespace or model._meta.app_label,
            api_basename=api_basename or model._meta.model_name,
            editor_roles=editor_roles,
        )
    )
    return model
