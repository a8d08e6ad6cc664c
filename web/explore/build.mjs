// Builds dist/, the files the diplograph binary embeds and serves at
// /explore/: `npm ci && npm run build` in this folder (see README.md).
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const src = join(here, 'src');
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

await build({
  entryPoints: [join(src, 'main.js')],
  outfile: join(dist, 'explore.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
});

// The palette becomes custom properties so the page's CSS and the drawing
// share one source of colours.
const palette = JSON.parse(readFileSync(join(src, 'palette.json'), 'utf8'));
const vars = [
  ...['background', 'panel', 'text', 'muted', 'accent', 'edge', 'selected', 'hover', 'current', 'mark'].map((k) => `--${k}:${palette[k]}`),
  ...Object.entries(palette.types).map(([t, s]) => `--type-${t}:${s.color}`),
];
const css = `:root{${vars.join(';')}}\n${readFileSync(join(src, 'style.css'), 'utf8')}`;
writeFileSync(join(dist, 'explore.css'), (await transform(css, { loader: 'css', minify: true })).code);

copyFileSync(join(src, 'index.html'), join(dist, 'index.html'));
copyFileSync(join(here, 'node_modules/cytoscape/LICENSE'), join(dist, 'LICENSE.cytoscape'));

// inputs.sha256 lets the Go tests notice a dist/ older than its sources
// without needing node: web/explore_test.go hashes the same files.
const inputs = ['build.mjs', 'package-lock.json', ...readdirSync(src).sort().map((f) => `src/${f}`)];
const hash = createHash('sha256');
for (const f of inputs) {
  hash.update(`${f}\0`);
  hash.update(readFileSync(join(here, f)));
  hash.update('\0');
}
writeFileSync(join(dist, 'inputs.sha256'), `${hash.digest('hex')}\n`);
console.log(`built ${dist}`);
