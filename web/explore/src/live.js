// Live updates: the server's event stream (GET /events, text/event-stream)
// read with fetch, because EventSource cannot send the API key header.

// A frame this long without its end is not a stream we understand.
const maxPending = 1 << 20;

// startLive reads the stream at url, calling onEvent(name, data) for each
// event whose data is JSON, and onEnd(reason, detail) once when it stops
// by itself: 'absent' (404: this server has no stream), 'refused' (401 or
// 403), 'closed' or 'failed'. It returns a function that stops reading
// without calling onEnd.
export function startLive(url, headers, onEvent, onEnd) {
  const ctrl = new AbortController();
  const end = (reason, detail) => {
    if (!ctrl.signal.aborted) onEnd(reason, detail);
  };
  (async () => {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, cache: 'no-store', signal: ctrl.signal });
    } catch (err) {
      end('failed', err.message);
      return;
    }
    if (res.status === 404) return end('absent');
    if (res.status === 401 || res.status === 403) return end('refused', String(res.status));
    if (!res.ok || !res.body) return end('failed', `answered ${res.status}`);
    try {
      await read(res.body, onEvent);
      end('closed');
    } catch (err) {
      end('failed', err.message);
    }
  })();
  return () => ctrl.abort();
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    pending = dispatch(pending + value, onEvent);
    if (pending.length > maxPending) throw new Error('an event longer than 1 MiB');
  }
}

// dispatch hands each complete event in text to onEvent and returns what
// is left of an event still arriving. Events end at a blank line; "event:"
// names one, "data:" lines carry it, lines starting with ":" are comments
// (keep-alives).
export function dispatch(text, onEvent) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let start = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i] !== '') continue;
    emit(lines.slice(start, i), onEvent);
    start = i + 1;
  }
  return lines.slice(start).join('\n');
}

function emit(lines, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of lines) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  let parsed;
  try {
    parsed = JSON.parse(data.join('\n'));
  } catch {
    return; // not an event of ours
  }
  onEvent(name, parsed);
}
