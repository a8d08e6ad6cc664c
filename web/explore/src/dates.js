// Dates in the graph are ISO prefixes as the documents state them: YYYY,
// YYYY-MM or YYYY-MM-DD. Two of them compare on their common prefix, the
// way the API's from/to bounds do, so 2024 overlaps 2024-03-18.

const iso = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function validDate(s) {
  return s === '' || iso.test(s);
}

function cmp(a, b) {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

// overlaps says whether a relation seen from first to last (either may be
// missing) falls in the inclusive range from..to (either may be empty). A
// relation with no date at all is outside any range: nothing says it
// belongs there.
export function overlaps(first, last, from, to) {
  if (!from && !to) return true;
  const lo = first || last;
  const hi = last || first;
  if (!lo) return false;
  return (!from || cmp(hi, from) >= 0) && (!to || cmp(lo, to) <= 0);
}
