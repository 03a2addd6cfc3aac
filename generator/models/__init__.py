"""Validated content models."""

from .common import CARE_LEVELS, CareLevel
from .site import SiteSettings
from .topic import Topic

__all__ = ["CARE_LEVELS", "CareLevel", "SiteSettings", "Topic"]
