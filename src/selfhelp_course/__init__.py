"""Supporting Self-Help Groups: the course's widgets and helpers.

Public API::

    from selfhelp_course import knowledge_check
    knowledge_check("welcome-anonymise")
"""
from ._content import ContentError
from ._widgets import KnowledgeCheck, knowledge_check

__all__ = ["ContentError", "KnowledgeCheck", "knowledge_check"]
