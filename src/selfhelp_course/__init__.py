"""Supporting Self-Help Groups: the course's widgets and helpers.

Public API (each takes ids from the YAML banks in ``data/activities/``)::

    from selfhelp_course import knowledge_check, sorting_exercise, scenario, reflection
    knowledge_check("welcome-where-saved")
"""

from .activities.widgets import (
    Assessment,
    Evaluation,
    KnowledgeCheck,
    Portfolio,
    ProgressOverview,
    Reflection,
    Scenario,
    SortingExercise,
    WellbeingExplorer,
    assessment,
    evaluation,
    knowledge_check,
    portfolio,
    progress_overview,
    reflection,
    scenario,
    sorting_exercise,
    wellbeing_explorer,
)
from .errors import ContentError

__all__ = [
    "Assessment",
    "ContentError",
    "Evaluation",
    "KnowledgeCheck",
    "Portfolio",
    "ProgressOverview",
    "Reflection",
    "Scenario",
    "SortingExercise",
    "WellbeingExplorer",
    "assessment",
    "evaluation",
    "knowledge_check",
    "portfolio",
    "progress_overview",
    "reflection",
    "scenario",
    "sorting_exercise",
    "wellbeing_explorer",
]
