"""The model: validated content, and the checks that make a topic publishable.

Owns the pydantic models of site.yaml and a topic (models with unknown keys refused), the
checks that need the raw data with its locations (unique ids, known cross-references,
previous ids, warning signs on the right cards, `{setting}` tokens), review dates, the
self-check's reference evaluator, the strings catalog of the site's language (the interface
words, generator/strings/), and `loading.load_content`, which turns the content folder
into a Content of LoadedTopics or one ContentError listing every problem.
"""

from .common import CARE_LEVELS, CareLevel
from .site import SiteSettings
from .topic import Topic

__all__ = ["CARE_LEVELS", "CareLevel", "SiteSettings", "Topic"]
