"""Supporting Self-Help Groups: the course's widgets and helpers.

Public API (each takes ids from the YAML banks in ``data/activities/``)::

    from selfhelp_course import knowledge_check, sorting_exercise, scenario, reflection
    knowledge_check("welcome-where-saved")
"""

from .errors import ContentError
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
    knowledge_check,
    portfolio,
    progress_overview,
    reflection,
    assessment,
    evaluation,
    scenario,
    sorting_exercise,
    wellbeing_explorer,
)

__all__ = [
    "ContentError",
    "KnowledgeCheck",
    "knowledge_check",
    "SortingExercise",
    "sorting_exercise",
    "Scenario",
    "scenario",
    "Reflection",
    "reflection",
    "WellbeingExplorer",
    "wellbeing_explorer",
    "ProgressOverview",
    "progress_overview",
    "Portfolio",
    "portfolio",
    "Assessment",
    "assessment",
    "Evaluation",
    "evaluation",
]
