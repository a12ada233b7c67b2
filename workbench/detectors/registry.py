"""The one registry of detectors: each family registers a :class:`DetectorSpec` once.

A spec says everything the rest of the workbench needs to know about a detector family,
in the manner of a spaCy factory: its name, the factory that builds it (whose keyword-only
arguments are the detector's options), the layers it produces with their unit (span,
sentence or document) and labels, the groups it belongs to (``framing``), and the module
that presents its findings in a report (imported only by reports, so detectors never import
display code). Layer tables, evaluation units, report sections and summary metrics are all
derived from the registered specs.

Built-in families register when their module in ``workbench.detectors`` is imported;
third-party packages register through the entry-point group ``workbench.detectors`` (an
entry point names a module that registers on import, or a :class:`DetectorSpec`).
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, Mapping, Protocol, Sequence, TypeVar, runtime_checkable

from workbench.corpus import Document
from workbench.errors import InputError
from workbench.findings import Finding

Unit = Literal["span", "sentence", "document"]
UNITS: tuple[str, ...] = typing.get_args(Unit)
ENTRY_POINT_GROUP = "workbench.detectors"


@runtime_checkable
class Detector(Protocol):
    """A pure function of one document: no I/O, no state that changes between documents.

    ``name`` is the registry key, ``layers`` the finding layers it produces, and
    ``detect`` returns findings whose ``text`` equals ``doc.text[start:end]``.
    """

    name: str
    layers: tuple[str, ...]

    def detect(self, doc: Document) -> Iterable[Finding]: ...


class UnknownDetectorError(InputError, KeyError):
    """A detector or group name that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


class DetectorOptionError(InputError):
    """An option a detector does not have, or a value of the wrong type."""


@dataclass(frozen=True)
class Layer:
    """A kind of finding: its unit decides how it is evaluated and drawn.

    ``labels`` lists the closed label set; an empty tuple means the labels are open (actor
    names). ``inline`` is False for layers that would colour whole paragraphs when drawn
    over the text (document rankings, sentence frames).
    """

    name: str
    unit: Unit = "span"
    labels: tuple[str, ...] = ()
    description: str = ""
    inline: bool = True

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"layer {self.name!r}: unit must be one of {', '.join(UNITS)}, not {self.unit!r}")


@dataclass(frozen=True)
class Option:
    """A keyword-only argument of a detector's factory."""

    name: str
    annotation: Any
    default: Any

    def parse(self, value: Any, *, detector: str) -> Any:
        """Convert ``value`` (a string from the command line, or a Python value) to the option's type."""
        return _coerce(value, self.annotation, where=f"{detector}.{self.name}")


@dataclass(frozen=True)
class DetectorSpec:
    """Everything the workbench knows about one detector family."""

    name: str
    factory: Callable[..., Detector]
    layers: tuple[Layer, ...]
    groups: tuple[str, ...] = ()
    title: str = ""
    description: str = ""
    view: str | None = None
    options: Mapping[str, Option] = field(default_factory=dict)

    def build(self, **options: Any) -> Detector:
        """A detector built with ``options`` (checked against the factory's keyword-only arguments)."""
        parsed = self.parse_options(options)
        return self.factory(**parsed)

    def parse_options(self, options: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise DetectorOptionError(f"detector {self.name!r} has no option {', '.join(map(repr, unknown))}; its options: {known}")
        return {key: self.options[key].parse(value, detector=self.name) for key, value in options.items()}

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)


_SPECS: dict[str, DetectorSpec] = {}
# A group name that stands for several detectors, e.g. "framing"; filled from the specs' groups.
_EXTRA_GROUPS: dict[str, tuple[str, ...]] = {}
_DEFAULT_INSTANCES: dict[str, Detector] = {}
D = TypeVar("D")


def options_of(factory: Callable[..., Any]) -> dict[str, Option]:
    """The keyword-only arguments of ``factory`` (a class or a function), with their types and defaults."""
    target = factory.__init__ if isinstance(factory, type) else factory
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return {}
    try:
        hints = typing.get_type_hints(target)
    except Exception:  # an annotation that cannot be resolved: treat the option as untyped
        hints = {}
    return {
        name: Option(name, hints.get(name, Any), parameter.default)
        for name, parameter in signature.parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }


def register_detector(spec: DetectorSpec, *, replace: bool = False) -> DetectorSpec:
    """Add a detector family to the registry."""
    if spec.name in _SPECS and not replace:
        raise ValueError(f"a detector named {spec.name!r} is already registered")
    _check_layers(spec)
    if not spec.options:
        spec = DetectorSpec(**{**spec.__dict__, "options": options_of(spec.factory)})
    _SPECS[spec.name] = spec
    _DEFAULT_INSTANCES.pop(spec.name, None)
    return spec


def _check_layers(spec: DetectorSpec) -> None:
    known = layers()
    for layer in spec.layers:
        other = known.get(layer.name)
        if other is not None and other.unit != layer.unit:
            raise ValueError(f"detector {spec.name!r}: layer {layer.name!r} has unit {layer.unit!r}, but it is registered with unit {other.unit!r}")


def detector(
    name: str,
    *,
    layers: Sequence[Layer],
    groups: Sequence[str] = (),
    title: str = "",
    view: str | None = None,
) -> Callable[[type[D]], type[D]]:
    """Class decorator: register the class as the factory of detector ``name``.

    The class gets ``name`` and ``layers`` (the layer names) as class attributes, so its
    instances satisfy :class:`Detector`; its keyword-only ``__init__`` arguments are the
    detector's options.
    """

    def add(cls: type[D]) -> type[D]:
        cls.name = name  # type: ignore[attr-defined]
        cls.layers = tuple(layer.name for layer in layers)  # type: ignore[attr-defined]
        description = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        register_detector(
            DetectorSpec(name=name, factory=cls, layers=tuple(layers), groups=tuple(groups), title=title or name, description=description, view=view)
        )
        return cls

    return add


def register(obj: Any, *, layers: Sequence[Layer] | None = None, groups: Sequence[str] = (), replace: bool = False) -> Any:
    """Register a ready-made detector instance or class (tests, notebooks, quick experiments).

    Layers default to span layers named by ``obj.layers``; a detector family meant to last
    should use :func:`detector` and declare its layers' units and labels.
    """
    instance = obj() if isinstance(obj, type) else obj
    if not isinstance(instance, Detector):
        raise TypeError(f"{obj!r} is not a detector: it needs name, layers and detect(doc)")
    declared = tuple(layers) if layers is not None else tuple(Layer(name) for name in instance.layers)
    factory = obj if isinstance(obj, type) else (lambda: instance)
    doc = (inspect.getdoc(type(instance)) or "").split("\n\n")[0].replace("\n", " ")
    register_detector(
        DetectorSpec(name=instance.name, factory=factory, layers=declared, groups=tuple(groups), title=instance.name, description=doc,
                     options=options_of(obj) if isinstance(obj, type) else {}),
        replace=replace,
    )
    return obj


def unregister(name: str) -> None:
    _SPECS.pop(name, None)
    _DEFAULT_INSTANCES.pop(name, None)


def register_alias(name: str, members: Iterable[str]) -> None:
    """Let ``name`` stand for several detectors on the command line and in parameters."""
    _EXTRA_GROUPS[name] = tuple(dict.fromkeys((*_EXTRA_GROUPS.get(name, ()), *members)))


def aliases() -> dict[str, tuple[str, ...]]:
    """Group name -> the detectors it stands for (from the specs' groups and :func:`register_alias`)."""
    _load_detectors()
    groups: dict[str, list[str]] = {}
    for spec in sorted(_SPECS.values(), key=lambda s: s.name):
        for group in spec.groups:
            groups.setdefault(group, []).append(spec.name)
    for group, members in _EXTRA_GROUPS.items():
        groups.setdefault(group, []).extend(m for m in members if m not in groups[group])
    return {group: tuple(members) for group, members in sorted(groups.items())}


def specs() -> dict[str, DetectorSpec]:
    """Every registered spec by name, sorted."""
    _load_detectors()
    return dict(sorted(_SPECS.items()))


def get_spec(name: str) -> DetectorSpec:
    _load_detectors()
    try:
        return _SPECS[name]
    except KeyError:
        raise UnknownDetectorError(f"unknown detector {name!r}; available: {', '.join(sorted(_SPECS)) or 'none registered'}") from None


def available_detectors() -> list[str]:
    """Registered detector names, sorted."""
    return list(specs())


def get_detector(name: str, **options: Any) -> Detector:
    """The detector ``name``, built with ``options``; without options one shared instance."""
    spec = get_spec(name)
    if options:
        return spec.build(**options)
    if name not in _DEFAULT_INSTANCES:
        _DEFAULT_INSTANCES[name] = spec.build()
    return _DEFAULT_INSTANCES[name]


def layers() -> dict[str, Layer]:
    """Every layer the registered detectors produce, by name, in registration order of their detectors."""
    out: dict[str, Layer] = {}
    for spec in _SPECS.values():
        for layer in spec.layers:
            out.setdefault(layer.name, layer)
    return out


def all_layers() -> dict[str, Layer]:
    """Like :func:`layers`, after loading the built-in and plug-in detectors."""
    _load_detectors()
    return layers()


def layers_by_unit(unit: str) -> frozenset[str]:
    return frozenset(name for name, layer in all_layers().items() if layer.unit == unit)


DetectorRequest = "str | Detector | tuple[str, Mapping[str, Any]]"


def resolve_detectors(
    names: str | Iterable[Any] | None = None, *, options: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Detector]:
    """Detectors for a request: names (a list or a comma-separated string, groups expanded),
    ready-made :class:`Detector` objects, or ``(name, {option: value})`` pairs; every
    registered detector when ``None``. ``options`` maps detector names to their options and
    applies to the detectors named in ``names``; an option for a detector that is not run is
    an error, so a misspelt name is never silently ignored.
    """
    _load_detectors()
    options = {key: dict(value) for key, value in (options or {}).items()}
    if names is None:
        requests: list[Any] = sorted(_SPECS)
    elif isinstance(names, str):
        requests = [n.strip() for n in names.split(",") if n.strip()]
    else:
        requests = list(names)
    groups = aliases()
    chosen: dict[str, Detector] = {}
    for request in requests:
        if isinstance(request, str):
            for name in groups.get(request, (request,)):
                chosen.setdefault(name, _build(name, options.get(name, {})))
        elif isinstance(request, tuple) and len(request) == 2 and isinstance(request[0], str):
            name, own = request
            chosen[name] = _build(name, {**options.get(name, {}), **dict(own)})
        elif isinstance(request, Detector):
            chosen[request.name] = request
        else:
            raise UnknownDetectorError(f"cannot use {request!r} as a detector: give a name, a detector object or (name, options)")
    if not chosen:
        raise UnknownDetectorError("no detector named")
    for name in options:
        if name not in chosen:
            get_spec(name)  # an unknown name says so first
            raise DetectorOptionError(f"options given for detector {name!r}, which is not among the detectors run ({', '.join(chosen)})")
    return list(chosen.values())


def _build(name: str, options: Mapping[str, Any]) -> Detector:
    return get_detector(name, **options) if options else get_detector(name)


def parse_assignments(items: Iterable[str]) -> dict[str, dict[str, str]]:
    """``["stance.convention=semantic", ...]`` (the command line's ``--set``) as {detector: {option: value}}."""
    out: dict[str, dict[str, str]] = {}
    for item in items:
        key, equals, value = item.partition("=")
        detector_name, dot, option = key.strip().partition(".")
        if not equals or not dot or not detector_name or not option:
            raise DetectorOptionError(f"--set {item!r}: write DETECTOR.OPTION=VALUE, e.g. stance.convention=semantic")
        out.setdefault(detector_name, {})[option.strip()] = value.strip()
    return out


def _coerce(value: Any, annotation: Any, *, where: str) -> Any:
    """``value`` as the annotated type; strings from the command line are parsed."""
    if annotation is Any:
        return value
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        if value in args:
            return value
        raise DetectorOptionError(f"{where}: {value!r} is not one of {', '.join(map(repr, args))}")
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", typing.Union)):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                if isinstance(value, str) and value.lower() in ("none", "null", ""):
                    return None
                continue
            try:
                return _coerce(value, arg, where=where)
            except DetectorOptionError as exc:
                errors.append(str(exc))
        raise DetectorOptionError(errors[0] if errors else f"{where}: {value!r} has the wrong type")
    if annotation is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "yes", "1", "on"):
            return True
        if isinstance(value, str) and value.lower() in ("false", "no", "0", "off"):
            return False
        raise DetectorOptionError(f"{where}: {value!r} is not true or false")
    if annotation in (int, float):
        if isinstance(value, bool):
            raise DetectorOptionError(f"{where}: expected a number, got {value!r}")
        try:
            return annotation(value)
        except (TypeError, ValueError):
            raise DetectorOptionError(f"{where}: {value!r} is not a {'whole number' if annotation is int else 'number'}") from None
    if annotation is str:
        if isinstance(value, str):
            return value
        raise DetectorOptionError(f"{where}: expected text, got {value!r}")
    check = origin or annotation
    if isinstance(check, type):
        if isinstance(value, check):
            return value
        if isinstance(value, str) and check not in (list, tuple, dict, Mapping):
            try:
                return check(value)  # Path and similar types built from a string
            except Exception:
                pass
        raise DetectorOptionError(f"{where}: expected {getattr(check, '__name__', check)}, got {value!r}")
    return value


_loaded = False


def _load_detectors() -> None:
    """Import the built-in detector modules and the plug-ins' entry points, once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil
    from importlib import metadata

    import workbench.detectors as package

    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module.name not in {"registry", "base"} and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = entry.load()
        except Exception as exc:  # one broken plug-in must not take the built-in detectors down with it
            import logging

            logging.getLogger(__name__).warning("detector plug-in %r (%s) could not be loaded: %s: %s", entry.name, entry.value, type(exc).__name__, exc)
            continue
        if isinstance(loaded, DetectorSpec) and loaded.name not in _SPECS:
            register_detector(loaded)
