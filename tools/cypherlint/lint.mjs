// lint.mjs checks Cypher statements with Neo4j's own front end, the parser
// and semantic analysis of @neo4j-cypher/language-support.
//
// stdin: JSON, either {name: statement, ...} or
//        {"statements": {name: statement, ...}, "dbSchema": {labels, relationshipTypes, propertyKeys}}
//        (a dbSchema makes the linter warn about labels, types and keys it does not list).
// stdout: JSON {"linter": "<package>@<version>", "diagnostics": [{statement, cypherVersion,
//         severity, message, start, end}]}, one diagnostic per problem and Cypher version.
// Each statement is analysed as Cypher 5 and as Cypher 25, so it must run on
// Neo4j 5 servers and on the 2025+ ones alike. Exit status 0 whenever the
// input could be read, whatever was found; 2 for unusable input.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

// The package's exports hide its package.json; read it beside this script.
const pkg = JSON.parse(readFileSync(new URL('./node_modules/@neo4j-cypher/language-support/package.json', import.meta.url), 'utf8'));

const VERSIONS = ['CYPHER 5', 'CYPHER 25'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function fail(msg) {
  process.stderr.write(`cypherlint: ${msg}\n`);
  process.exit(2);
}

let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch (err) {
  fail(`stdin is not JSON: ${err.message}`);
}
let statements = input;
let dbSchema = {};
if (input && typeof input.statements === 'object' && input.statements !== null) {
  statements = input.statements;
  dbSchema = input.dbSchema ?? {};
}
if (typeof statements !== 'object' || statements === null || Array.isArray(statements)) {
  fail('stdin must be a JSON object of name: statement');
}

const diagnostics = [];
for (const [name, statement] of Object.entries(statements).sort(([a], [b]) => a.localeCompare(b))) {
  if (typeof statement !== 'string' || statement.trim() === '') {
    diagnostics.push({ statement: name, cypherVersion: '', severity: 'error', message: 'statement is empty or not a string', start: 0, end: 0 });
    continue;
  }
  for (const version of VERSIONS) {
    const { diagnostics: found } = lintCypherQuery(statement, { ...dbSchema, defaultLanguage: version }, { consoleCommandsEnabled: false });
    for (const d of found) {
      diagnostics.push({
        statement: name,
        cypherVersion: version,
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        start: d.offsets?.start ?? 0,
        end: d.offsets?.end ?? 0,
      });
    }
  }
}
process.stdout.write(JSON.stringify({ linter: `${pkg.name}@${pkg.version}`, diagnostics }, null, 1) + '\n');
