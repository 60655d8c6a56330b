// @ts-check
// Knowledge-check answers name options by their id in the bank (entries v3), so a learner's
// answer, record and LMS interaction mean the same option whatever order it was shown in.
// Entries stored before v3 (v1, v2) hold indices into the bank's order at the time: the bank's
// `order_before_v3` where its options were reordered since, otherwise its order now. Pure.

// The options a stored `selected` names: this question's option ids, once each, in bank order.
// Indices are read through the order before v3; ids that are not this question's are dropped.
/**
 * @param {unknown} selected
 * @param {unknown} optionIds
 * @param {unknown[] | null} [orderBefore]
 */
export function selectedIds(selected, optionIds, orderBefore = null) {
  if (!Array.isArray(selected) || !Array.isArray(optionIds)) return [];
  const before = Array.isArray(orderBefore) && orderBefore.length ? orderBefore : optionIds;
  const named = new Set();
  for (const item of selected) {
    if (typeof item === "string") named.add(item);
    else if (Number.isInteger(item) && item >= 0 && item < before.length) named.add(before[item]);
  }
  return optionIds.filter((id) => named.has(id));
}
