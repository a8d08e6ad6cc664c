// Runs the GraphQL-over-HTTP audit suite of graphql-http (auditServer)
// against a GraphQL endpoint and prints every result, one a line:
//
//	node tools/graphqlaudit/audit.mjs http://127.0.0.1:8080/graphql [key]
//
// then a summary line "audit: N ok, N notice, N warn, N error" (a notice
// is a MAY the server does not do, a warning a SHOULD, an error a MUST). It
// exits 1 when any audit gives an error or a warning, 2 when it cannot run. A key, when
// given, is sent as Authorization: Bearer on every request the audit makes.
import { auditServer } from 'graphql-http';

const [url, key] = process.argv.slice(2);
if (!url) {
  console.error('usage: node audit.mjs URL [API key]');
  process.exit(2);
}

const fetchFn = key
  ? (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${key}`);
      return fetch(input, { ...init, headers });
    }
  : fetch;

try {
  const results = await auditServer({ url, fetchFn });
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const r of results) {
    counts[r.status]++;
    let line = `${r.status}\t${r.id}\t${r.name}`;
    if (r.status !== 'ok') {
      line += `\n\t${r.reason}`;
      if (r.response) {
        const body = await r.response.text().catch(() => '');
        line += `\n\tgot ${r.response.status} ${r.response.headers.get('content-type') ?? ''}: ${body.slice(0, 300)}`;
      }
    }
    console.log(line);
  }
  console.log(`audit: ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warn, ${counts.error} error`);
  process.exit(counts.warn + counts.error > 0 ? 1 : 0);
} catch (err) {
  console.error(`audit: could not run against ${url}: ${err?.stack ?? err}`);
  process.exit(2);
}
