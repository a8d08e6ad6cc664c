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

// realDate says whether s is a non-empty ISO prefix naming a real month
// and day: the pattern alone lets 2024-13 and 2023-02-30 through, and the
// API refuses those as asOf.
export function realDate(s) {
  if (typeof s !== 'string' || s === '' || !iso.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  if (m === undefined) return y > 0;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const dayMs = 24 * 60 * 60 * 1000;

// dayNumber is the day of a date since 1970-01-01 (a year or month counts
// from its first day), NaN for anything that is not a real date. Sliders
// and the timeline strip work in days.
export function dayNumber(s) {
  if (!realDate(s)) return NaN;
  const [y, m = 1, d = 1] = s.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / dayMs);
}

// dateOfDay is dayNumber's inverse: YYYY-MM-DD.
export function dateOfDay(n) {
  return new Date(Math.round(n) * dayMs).toISOString().slice(0, 10);
}
