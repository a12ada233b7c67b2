"""Detectors: one module (or package) per detector family, each registering its spec once.

A detector module imports only :mod:`workbench.corpus`, :mod:`workbench.segment`,
:mod:`workbench.findings`, :mod:`workbench.matching`, :mod:`workbench.lexicons` and its own
family's modules; how findings are shown lives in :mod:`workbench.views`.
"""

from workbench.detectors.registry import (
    Detector,
    DetectorOptionError,
    DetectorSpec,
    Layer,
    UnknownDetectorError,
    aliases,
    all_layers,
    available_detectors,
    detector,
    get_detector,
    get_spec,
    layers_by_unit,
    parse_assignments,
    register,
    register_alias,
    register_detector,
    resolve_detectors,
    specs,
    unregister,
)

__all__ = [
    "Detector",
    "DetectorOptionError",
    "DetectorSpec",
    "Layer",
    "UnknownDetectorError",
    "aliases",
    "all_layers",
    "available_detectors",
    "detector",
    "get_detector",
    "get_spec",
    "layers_by_unit",
    "parse_assignments",
    "register",
    "register_alias",
    "register_detector",
    "resolve_detectors",
    "specs",
    "unregister",
]
