// Talking to the server: GraphQL over POST with the analyst's API key,
// and answers that refuse (401, 429) turned into messages a reader can act
// on rather than a blank page.

// sessionStorage, not localStorage: the key lives as long as the tab and
// is not left on a shared machine.
const keyItem = 'diplograph.apiKey';

export function apiKey() {
  try {
    return sessionStorage.getItem(keyItem) || '';
  } catch {
    return ''; // storage disabled: the key lasts until reload
  }
}

export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(keyItem, key);
    else sessionStorage.removeItem(keyItem);
  } catch {
    // Storage disabled: nothing to keep it in.
  }
}

// authHeaders is what every request sends: the key as a bearer token, the
// way the server's auth middleware reads it.
export function authHeaders() {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

// APIError is a refusal or failure with the HTTP status behind it (0 when
// the server could not be reached), so callers can tell a missing key
// from a busy server.
export class APIError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// refusal explains a 401 or 429; other statuses say what the body said.
function refusal(res, body) {
  const said = body && body.errors && body.errors.length ? body.errors.map((e) => e.message).join('; ') : '';
  if (res.status === 401) {
    return apiKey()
      ? `The server refused the API key${said ? ` (${said})` : ''}. Check the key in “API key” at the top of the page.`
      : 'This server needs an API key: enter yours in “API key” at the top of the page.';
  }
  if (res.status === 429) {
    const wait = Number(res.headers.get('Retry-After'));
    return `The server is busy (too many requests); try again${wait > 0 ? ` in ${wait} s` : ' shortly'}.`;
  }
  if (res.status === 403) return `This key may not do that${said ? `: ${said}` : '.'}`;
  return said || `the GraphQL server answered ${res.status}`;
}

// gql posts a query to endpoint and returns its data, or throws an
// APIError whose message is fit to show.
export async function gql(endpoint, query, variables) {
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new APIError(`the GraphQL server could not be reached (${err.message})`, 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // 429s and proxies may answer without JSON: still say why.
  }
  if ([401, 403, 429].includes(res.status)) throw new APIError(refusal(res, body), res.status);
  if (!body) throw new APIError(`the GraphQL server answered ${res.status} without JSON`, res.status);
  if (body.errors && body.errors.length) {
    throw new APIError(body.errors.map((e) => e.message).join('; '), res.status);
  }
  return body.data;
}
