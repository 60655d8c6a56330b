"""Course time written as hours and minutes, the way the course states it (the same as
``cpdTime`` in ``js/lib/cpd-time.js``)."""


def cpd_time(minutes: int, decimal: bool = False) -> str:
    """Course time as the course states it, never rounded: ``0 h 25 min``. With ``decimal``,
    hours to two places for a form that asks for a decimal (``0.42 h``), the one place where a
    value is rounded, and so said wherever it is shown. The same function as ``cpdTime`` in
    ``js/lib/cpd-time.js``; both are tested on the cases in ``tests/cpd_time_cases.json``."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"course time is a whole number of minutes from 0, not {minutes!r}")
    if decimal:
        hundredths = (minutes * 5 + 1) // 3  # minutes / 60 to the nearest hundredth (never a tie)
        return f"{hundredths // 100}.{hundredths % 100:02d} h"
    return f"{minutes // 60} h {minutes % 60} min"
