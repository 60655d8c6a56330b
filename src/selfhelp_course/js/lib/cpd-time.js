// @ts-check
// Course time as the course states it, never rounded (pure). The one way the progress page, the
// CPD log, the statement of completion and the exports show a time: "0 h 25 min". With
// `decimal`, hours to two places for a form that asks for a decimal ("0.42 h"): the one place a
// value is rounded, and so said wherever it is shown. The same function as Python's
// `_course_time.cpd_time`; both are tested on the cases in tests/cpd_time_cases.json.
/**
 * @param {number} minutes
 * @param {boolean} [decimal]
 * @returns {string}
 */
export function cpdTime(minutes, decimal = false) {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`course time is a whole number of minutes from 0, not ${String(minutes)}`);
  }
  if (decimal) {
    const hundredths = Math.floor((minutes * 5 + 1) / 3); // minutes / 60 to the nearest hundredth (never a tie)
    return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")} h`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// Hours held as a number (a whole number of minutes, as the CPD record keeps them) -> minutes.
/** @type {(hours: number | string) => number} */
export const minutesOfHours = (hours) => Math.round(Number(hours) * 60);
