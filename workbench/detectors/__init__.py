"""Detectors: one module per detector family, each registering itself on import."""

from workbench.detectors.registry import (
    Detector,
    UnknownDetectorError,
    aliases,
    available_detectors,
    get_detector,
    register,
    register_alias,
    resolve_detectors,
    unregister,
)

__all__ = [
    "Detector",
    "UnknownDetectorError",
    "aliases",
    "available_detectors",
    "get_detector",
    "register",
    "register_alias",
    "resolve_detectors",
    "unregister",
]
