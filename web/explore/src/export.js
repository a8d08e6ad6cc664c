// Saving the drawing as a picture for a briefing: PNG as cytoscape draws
// it, SVG (which scales and edits) written here from each element's
// computed style, so the explorer bundles no SVG library.

// The whole drawing, not just what the viewport shows, at twice the
// screen's scale so that labels stay legible when printed.
export function pngOf(cy, background) {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: background });
}

export function svgOf(cy, background) {
  return new Blob([svgText(cy, background)], { type: 'image/svg+xml' });
}

// svgText draws the visible elements in model coordinates: a background,
// the edges, then the nodes over them, as the canvas does.
export function svgText(cy, background = '#ffffff') {
  const m = 20;
  const bb = cy.elements(':visible').boundingBox();
  const [x, y, w, h] = [bb.x1 - m, bb.y1 - m, bb.w + 2 * m, bb.h + 2 * m].map(num);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x} ${y} ${w} ${h}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${esc(background)}"/>`,
    ...cy.edges(':visible').map(edgeSvg),
    ...cy.nodes(':visible').map(nodeSvg),
    '</svg>\n',
  ].join('\n');
}

function edgeSvg(e) {
  const s = e.sourceEndpoint();
  const tip = e.targetEndpoint();
  const cps = e.controlPoints() || [];
  const width = e.numericStyle('width');
  const arrow = e.style('target-arrow-shape') !== 'none';
  const size = Math.max(Math.pow(width * 13.37, 0.9), 29) * 0.3;
  // The line stops where the arrow's base begins, as on the canvas.
  const from = cps.at(-1) || s;
  const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const back = arrow ? Math.min(size * 0.9, len) / len : 0;
  const t = { x: tip.x - (tip.x - from.x) * back, y: tip.y - (tip.y - from.y) * back };
  let d = `M${num(s.x)} ${num(s.y)}`;
  if (e.style('curve-style') === 'segments') {
    d += (e.segmentPoints() || []).concat([t]).map((p) => ` L${num(p.x)} ${num(p.y)}`).join('');
  } else {
    // cytoscape joins several control points by quadratic curves through
    // their midpoints (a loop has two).
    cps.forEach((c, i) => {
      const n = cps[i + 1];
      const end = n ? { x: (c.x + n.x) / 2, y: (c.y + n.y) / 2 } : t;
      d += ` Q${num(c.x)} ${num(c.y)} ${num(end.x)} ${num(end.y)}`;
    });
    if (!cps.length) d += ` L${num(t.x)} ${num(t.y)}`;
  }
  const colour = esc(e.style('line-color'));
  const dash = dashOf(e.style('line-style'), width, e.numericStyle('line-dash-pattern'));
  const parts = [`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${num(width)}"${dash}/>`];
  if (arrow) parts.push(arrowSvg(from, tip, size, esc(e.style('target-arrow-color'))));
  const m = e.midpoint();
  parts.push(labelSvg(e, m.x, m.y, 0, Math.atan2(tip.y - s.y, tip.x - s.x)));
  return `<g class="edge" data-id="${esc(e.id())}" opacity="${num(e.numericStyle('opacity'))}">${parts.join('')}</g>`;
}

// arrowSvg: cytoscape's triangle, its tip on the target's border, sized as
// the canvas sizes it for the edge's width.
function arrowSvg(from, tip, size, colour) {
  const a = Math.atan2(tip.y - from.y, tip.x - from.x);
  const at = (back, side) => `${num(tip.x - back * Math.cos(a) - side * Math.sin(a))},${num(tip.y - back * Math.sin(a) + side * Math.cos(a))}`;
  return `<polygon points="${at(0, 0)} ${at(size, size / 2)} ${at(size, -size / 2)}" fill="${colour}"/>`;
}

function nodeSvg(n) {
  const p = n.position();
  const [w, h] = [n.width(), n.height()];
  const bw = n.numericStyle('border-width');
  const border = n.style('border-style');
  const paint =
    ` fill="${esc(n.style('background-color'))}" fill-opacity="${num(n.numericStyle('background-opacity'))}"` +
    ` stroke="${esc(n.style('border-color'))}" stroke-width="${num(bw)}"${dashOf(border, bw)}`;
  const shape = shapeSvg(n.style('shape'), p.x, p.y, w, h);
  // A double border: the border drawn, then its middle third cleared.
  const inner = border === 'double' && bw > 0 ? shapeSvg(n.style('shape'), p.x, p.y, w, h).replace('/>', ` fill="none" stroke="#ffffff" stroke-width="${num(bw / 3)}"/>`) : '';
  const label = labelSvg(n, p.x, p.y + h / 2 + bw / 2 + n.numericStyle('text-margin-y'), 1, 0);
  return `<g class="node" data-id="${esc(n.id())}" opacity="${num(n.numericStyle('opacity'))}">${shape.replace('/>', `${paint}/>`)}${inner}${label}</g>`;
}

// shapeSvg: an ellipse, a (rounded) rectangle, or any other shape as the
// polygon cytoscape draws, fitted to the node's box.
function shapeSvg(shape, x, y, w, h) {
  if (shape === 'ellipse') return `<ellipse class="shape" cx="${num(x)}" cy="${num(y)}" rx="${num(w / 2)}" ry="${num(h / 2)}"/>`;
  if (/^(round-?)?rectangle$|^square$/.test(shape)) {
    const r = shape.startsWith('round') ? Math.min(w / 4, h / 4, 8) : 0;
    return `<rect class="shape" x="${num(x - w / 2)}" y="${num(y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${num(r)}"/>`;
  }
  const unit = fit(POLYGONS[shape.replace(/^round-/, '')] || ngon(4));
  const pts = [];
  for (let i = 0; i < unit.length; i += 2) pts.push(`${num(x + (unit[i] * w) / 2)},${num(y + (unit[i + 1] * h) / 2)}`);
  return `<polygon class="shape" points="${pts.join(' ')}"/>`;
}

// The unit polygons of cytoscape's node shapes (x, y pairs, y down).
function ngon(sides, rotate = 0) {
  const step = (2 * Math.PI) / sides;
  const start = (sides % 2 === 0 ? Math.PI / 2 + step / 2 : Math.PI / 2) + rotate;
  return Array.from({ length: sides }, (_, i) => [Math.cos(start + i * step), -Math.sin(start + i * step)]).flat();
}
const star = (() => {
  const outer = ngon(5);
  const inner = ngon(5, Math.PI / 5).map((v) => v * 0.5 * (3 - Math.sqrt(5)) * 1.57);
  return outer.flatMap((_, i) => (i % 2 ? [] : [outer[i], outer[i + 1], inner[i], inner[i + 1]]));
})();
const POLYGONS = {
  triangle: ngon(3), pentagon: ngon(5), hexagon: ngon(6), heptagon: ngon(7), octagon: ngon(8), star,
  diamond: [0, 1, 1, 0, 0, -1, -1, 0], vee: [-1, -1, 0, -0.333, 1, -1, 0, 1],
  tag: [-1, -1, 0.25, -1, 1, 0, 0.25, 1, -1, 1],
}; // any other shape is drawn as a rectangle
// fit stretches a unit polygon to span -1..1 on both axes, as cytoscape does.
function fit(pts) {
  const xs = pts.filter((_, i) => i % 2 === 0);
  const ys = pts.filter((_, i) => i % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return pts.map((v, i) => (i % 2 === 0 ? ((v - x0) / (x1 - x0)) * 2 - 1 : ((v - y0) / (y1 - y0)) * 2 - 1));
}

// labelSvg writes an element's label centred on x, starting at y (valign
// 1: below y, 0: centred on it), wrapped as the style asks, rotated by
// angle kept upright, on its text background.
function labelSvg(ele, x, y, valign, angle) {
  const text = String(ele.style('label') || '');
  if (!text || ele.numericStyle('text-opacity') === 0) return '';
  const size = ele.numericStyle('font-size');
  const weight = ele.style('font-weight');
  const font = `${weight} ${size}px ${ele.style('font-family')}`;
  const maxWidth = ele.style('text-wrap') === 'wrap' ? ele.numericStyle('text-max-width') : Infinity;
  const lines = wrap(text, font, maxWidth);
  const lh = size * 1.2;
  const top = valign ? y + size * 0.9 : y + size * 0.35 - ((lines.length - 1) * lh) / 2;
  if (angle > Math.PI / 2) angle -= Math.PI;
  if (angle < -Math.PI / 2) angle += Math.PI;
  const rot = angle && ele.style('text-rotation') === 'autorotate' ? ` transform="rotate(${num((angle * 180) / Math.PI)} ${num(x)} ${num(y)})"` : '';
  const bgOpacity = ele.numericStyle('text-background-opacity');
  const pad = ele.numericStyle('text-background-padding');
  const w = Math.max(...lines.map((l) => widthOf(l, font))) + 2 * pad;
  const h = (lines.length - 1) * lh + size * 1.15 + 2 * pad;
  const bg = bgOpacity > 0 ? `<rect x="${num(x - w / 2)}" y="${num(top - size * 0.9 - pad)}" width="${num(w)}" height="${num(h)}" fill="${esc(ele.style('text-background-color'))}" fill-opacity="${num(bgOpacity)}"/>` : '';
  const spans = lines.map((l, i) => `<tspan x="${num(x)}" y="${num(top + i * lh)}">${esc(l)}</tspan>`).join('');
  return `<g${rot}>${bg}<text text-anchor="middle" font-family="${esc(ele.style('font-family'))}" font-size="${num(size)}" font-weight="${esc(weight)}" fill="${esc(ele.style('color'))}">${spans}</text></g>`;
}

// wrap breaks text at spaces into lines no wider than maxWidth, measured
// in the label's font on a canvas.
function wrap(text, font, maxWidth) {
  const lines = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && widthOf(next, font) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

let measure;
function widthOf(text, font) {
  measure = measure || document.createElement('canvas').getContext('2d');
  measure.font = font;
  return measure.measureText(text).width;
}

function dashOf(style, width, pattern) {
  if (style === 'dashed') return ` stroke-dasharray="${(Array.isArray(pattern) ? pattern : [2 * width, width]).map(num).join(' ')}"`;
  if (style === 'dotted') return ` stroke-dasharray="${num(width)} ${num(width)}"`;
  return '';
}

const num = (v) => String(Math.round((Number(v) || 0) * 100) / 100);

// esc makes text safe in XML content and attributes; control characters
// XML does not allow are dropped.
function esc(s) {
  const map = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  // eslint-disable-next-line no-control-regex
  return String(s ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => map[c]);
}

// fileName makes a download name of the centre's id: letters, digits and
// dashes only, so that every system accepts it.
export function fileName(centre, ext) {
  const slug = String(centre || 'view')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `diplograph-${slug || 'view'}.${ext}`;
}

export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
