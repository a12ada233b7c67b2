"""The detector protocol and the one registry that maps names to detectors."""

from __future__ import annotations

from typing import Callable, Iterable, Protocol, TypeVar, runtime_checkable

from workbench.corpus import Document
from workbench.findings import Finding


@runtime_checkable
class Detector(Protocol):
    """A pure function of one document: no I/O, no state that changes between documents.

    ``name`` is the registry key, ``layers`` the finding layers it produces, and
    ``detect`` returns findings whose ``text`` equals ``doc.text[start:end]``.
    """

    name: str
    layers: tuple[str, ...]

    def detect(self, doc: Document) -> Iterable[Finding]: ...


class UnknownDetectorError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


_REGISTRY: dict[str, Detector] = {}
# A group name that stands for several detectors, e.g. "framing".
_ALIASES: dict[str, tuple[str, ...]] = {}
D = TypeVar("D")


def register_alias(name: str, members: Iterable[str]) -> None:
    """Let ``name`` stand for several detectors on the command line and in parameters."""
    _ALIASES[name] = tuple(dict.fromkeys((*_ALIASES.get(name, ()), *members)))


def aliases() -> dict[str, tuple[str, ...]]:
    _load_builtin()
    return dict(sorted(_ALIASES.items()))


def register(detector: D | None = None, *, replace: bool = False) -> D | Callable[[D], D]:
    """Register a detector instance, or a class (instantiated with no arguments) when used as a decorator."""

    def add(obj: D) -> D:
        instance = obj() if isinstance(obj, type) else obj
        if not isinstance(instance, Detector):
            raise TypeError(f"{obj!r} is not a detector: it needs name, layers and detect(doc)")
        if instance.name in _REGISTRY and not replace:
            raise ValueError(f"a detector named {instance.name!r} is already registered")
        _REGISTRY[instance.name] = instance
        return obj

    return add(detector) if detector is not None else add


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def available_detectors() -> list[str]:
    """Registered detector names, sorted."""
    _load_builtin()
    return sorted(_REGISTRY)


def get_detector(name: str) -> Detector:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownDetectorError(
            f"unknown detector {name!r}; available: {', '.join(sorted(_REGISTRY)) or 'none registered'}"
        ) from None


def resolve_detectors(names: str | Iterable[str] | None = None) -> list[Detector]:
    """Detectors by name (a list or a comma-separated string); all registered ones when ``None``."""
    if names is None:
        return [get_detector(n) for n in available_detectors()]
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    _load_builtin()
    expanded: list[str] = []
    for name in names:
        expanded.extend(_ALIASES.get(name, (name,)))
    expanded = list(dict.fromkeys(expanded))
    if not expanded:
        raise UnknownDetectorError("no detector named")
    return [get_detector(n) for n in expanded]


_loaded = False


def _load_builtin() -> None:
    """Import every module of ``workbench.detectors`` once, so each registers its detectors."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    import workbench.detectors as package

    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module.name not in {"registry", "base"} and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
