// The timeline strip: a tick for each dated event in view; dragging across
// it picks a date range, a click without dragging clears it. It is a
// pointer shortcut for the From and To fields, which stay the keyboard's
// way to the same filter.
import { dateOfDay, dayNumber } from './dates.js';

const svgNS = 'http://www.w3.org/2000/svg';
const width = 1000; // viewBox units; the strip stretches to its box
const height = 36;
const pad = 8;
// Days added at each end so that the first and last events are not on the
// edge, where they are hard to start a drag from.
const margin = 15;

function svgEl(tag, attrs) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// createBrush draws into el and calls onRange(from, to) with two
// YYYY-MM-DD dates, or two empty strings to clear. It returns
// render(dates, from, to), which redraws the ticks of dates (ISO prefixes;
// others are skipped) and the range from..to.
export function createBrush(el, scale, onRange) {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  el.append(svg);
  let lo = 0;
  let hi = 0;
  let drag = null;

  const xOf = (day) => pad + ((day - lo) / (hi - lo)) * (width - 2 * pad);
  const dayAt = (x) => lo + ((Math.min(Math.max(x, pad), width - pad) - pad) / (width - 2 * pad)) * (hi - lo);
  const localX = (ev) => {
    const r = svg.getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * width;
  };
  const selection = svgEl('rect', { class: 'range', y: 1, height: height - 2, x: 0, width: 0 });
  const showRange = (a, b) => {
    selection.setAttribute('x', String(Math.min(a, b)));
    selection.setAttribute('width', String(Math.abs(b - a)));
  };

  svg.addEventListener('pointerdown', (ev) => {
    if (hi <= lo) return;
    svg.setPointerCapture(ev.pointerId);
    drag = { a: localX(ev), b: localX(ev) };
    showRange(drag.a, drag.b);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    drag.b = localX(ev);
    showRange(drag.a, drag.b);
  });
  svg.addEventListener('pointerup', () => {
    if (!drag) return;
    const a = Math.min(drag.a, drag.b);
    const b = Math.max(drag.a, drag.b);
    drag = null;
    // A few units of wobble is a click, not a range.
    if (b - a < 4) onRange('', '');
    else onRange(dateOfDay(dayAt(a)), dateOfDay(dayAt(b)));
  });

  return function render(dates, from, to) {
    const days = dates.map(dayNumber).filter(Number.isFinite);
    svg.replaceChildren(svgEl('rect', { class: 'track', x: 0, y: 0, width, height }));
    if (!days.length) {
      lo = hi = 0;
      scale.textContent = 'No dated events in view.';
      return;
    }
    lo = Math.min(...days) - margin;
    hi = Math.max(...days) + margin;
    for (const d of days) {
      const x = xOf(d);
      svg.append(svgEl('line', { class: 'tick', x1: x, x2: x, y1: 6, y2: height - 6 }));
    }
    svg.append(selection);
    const [f, t] = [dayNumber(from), dayNumber(to)];
    if (Number.isFinite(f) || Number.isFinite(t)) showRange(xOf(Number.isFinite(f) ? f : lo), xOf(Number.isFinite(t) ? t : hi));
    else showRange(0, 0);
    scale.textContent = `${days.length} dated event${days.length === 1 ? '' : 's'}, ${dateOfDay(lo + margin)} to ${dateOfDay(hi - margin)}. Drag across to filter by date; click to clear.`;
  };
}
