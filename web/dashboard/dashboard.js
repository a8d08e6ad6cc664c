// The dashboard: each card runs the GraphQL query it shows (read from its
// <code class="query">, so what an analyst copies is what drew the chart)
// against this server's /graphql, and draws the answer; in live mode it
// draws them again each time the server says the graph grew.
(function () {
  'use strict';
  const keyInput = document.getElementById('api-key');
  keyInput.value = sessionStorage.getItem('diplograph.apiKey') || '';
  keyInput.addEventListener('change', () => {
    sessionStorage.setItem('diplograph.apiKey', keyInput.value.trim());
    load();
    listen();
  });

  const palette = ['#3d6fb6', '#d9822b', '#3b9c6a', '#b8436a', '#7d5ab5', '#8c6d31', '#2b9fb3', '#c34b2b', '#5f6b7a', '#a3a83b'];

  function queryOf(card) {
    return card.querySelector('code.query').textContent;
  }

  async function run(card) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const key = keyInput.value.trim();
    if (key) headers.Authorization = 'Bearer ' + key;
    const res = await fetch('../graphql', { method: 'POST', headers, body: JSON.stringify({ query: queryOf(card) }) });
    const body = await res.json();
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  function showError(err) {
    const el = document.getElementById('error');
    el.textContent = String(err.message || err);
    el.hidden = false;
  }

  function eventsChart(card, data) {
    const buckets = data.stats.buckets;
    const years = [...new Set(buckets.map((b) => Number(b.period)))].sort((a, b) => a - b);
    const kinds = [...new Set(buckets.map((b) => b.kind || 'UNSTATED'))].sort();
    const el = document.getElementById('events-chart');
    const legend = document.getElementById('events-legend');
    el.replaceChildren();
    legend.replaceChildren();
    let total = 0;
    buckets.forEach((b) => { total += b.count; });
    card.dataset.total = String(total);
    card.dataset.series = kinds.join(',');
    if (!years.length) {
      el.innerHTML = '<p class="empty">No dated events yet.</p>';
      return;
    }
    const series = kinds.map((k) => years.map((y) => {
      const b = buckets.find((x) => (x.kind || 'UNSTATED') === k && Number(x.period) === y);
      return b ? b.count : 0;
    }));
    const bars = uPlot.paths.bars({ size: [0.8 / Math.max(kinds.length, 1), 60], gap: 1 });
    const opts = {
      width: Math.max(el.clientWidth, 320),
      height: 260,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [years[0] - 0.6, years[years.length - 1] + 0.6] }, y: { range: (u, lo, hi) => [0, Math.max(1, Math.ceil(hi * 1.1))] } },
      axes: [
        { values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [{ label: 'year' }].concat(kinds.map((k, i) => ({
        label: k,
        stroke: palette[i % palette.length],
        fill: palette[i % palette.length] + 'cc',
        paths: bars,
        points: { show: false },
      }))),
    };
    // Bars of one year side by side: shift each series by its slot.
    const slot = 0.8 / Math.max(kinds.length, 1);
    const xs = kinds.map((k, i) => years.map((y) => y - 0.4 + slot * (i + 0.5)));
    // uPlot shares one x array; draw each kind as its own offset x by
    // interleaving into aligned data.
    const allX = [...new Set(xs.flat())].sort((a, b) => a - b);
    const aligned = [allX].concat(kinds.map((k, i) => allX.map((x) => {
      const j = xs[i].indexOf(x);
      return j >= 0 ? series[i][j] : null;
    })));
    new uPlot(opts, aligned, el);
    kinds.forEach((k, i) => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = palette[i % palette.length];
      li.append(sw, k + ' (' + series[i].reduce((a, b) => a + b, 0) + ')');
      legend.append(li);
    });
  }

  function agenciesChart(card, data) {
    const list = document.getElementById('agencies-list');
    list.replaceChildren();
    const top = data.stats.topEntities;
    const most = top.length ? top[0].degree : 1;
    top.forEach((t) => {
      const li = document.createElement('li');
      li.dataset.id = t.entity.id;
      const a = document.createElement('a');
      a.href = '../explore/#id=' + encodeURIComponent(t.entity.id);
      a.textContent = t.entity.name;
      const d = document.createElement('span');
      d.className = 'degree';
      d.textContent = ' ' + t.degree + ' relations';
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = Math.max(2, (100 * t.degree) / most) + '%';
      li.append(a, d, bar);
      list.append(li);
    });
    if (!top.length) list.innerHTML = '<li class="empty">No agencies yet.</li>';
  }

  function documentsTable(card, data) {
    const rows = document.getElementById('documents-rows');
    rows.replaceChildren();
    data.documents.edges.forEach(({ node }) => {
      const tr = document.createElement('tr');
      tr.dataset.id = node.id;
      [node.date || '—', node.title || node.id, node.kind || '', node.publisher || ''].forEach((v) => {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      });
      rows.append(tr);
    });
  }

  async function load() {
    document.body.dataset.ready = 'false';
    document.getElementById('error').hidden = true;
    const cards = [['events', eventsChart], ['agencies', agenciesChart], ['documents', documentsTable]];
    await Promise.all(cards.map(async ([id, draw]) => {
      const card = document.getElementById(id);
      try {
        draw(card, await run(card));
      } catch (err) {
        showError(err);
      }
    }));
    document.body.dataset.ready = 'true';
  }

  // Live mode: the server's event stream (GET /events) says when a
  // document was ingested or a fact added, and the cards are drawn again
  // without a reload. A fetch stream rather than EventSource, because
  // EventSource cannot send the key header. A server without /events
  // (404) or that refuses the key leaves the page as it was: no live mode.
  let live = null; // the AbortController of the stream being read
  let redraw = null;

  function setLive(state, why) {
    document.body.dataset.live = state;
    const el = document.getElementById('live');
    el.hidden = state !== 'on';
    el.title = why || '';
  }

  // Several events arrive at once for one ingest: draw once after them.
  function scheduleLoad() {
    clearTimeout(redraw);
    redraw = setTimeout(load, 300);
  }

  function handle(event, data) {
    if (event === 'documentIngested' || event === 'relationAdded') {
      scheduleLoad();
    }
  }

  async function listen() {
    if (live) live.abort();
    const ctrl = new AbortController();
    live = ctrl;
    const headers = { Accept: 'text/event-stream' };
    const key = keyInput.value.trim();
    if (key) headers.Authorization = 'Bearer ' + key;
    const again = () => { if (live === ctrl) setTimeout(() => { if (live === ctrl) listen(); }, 3000); };
    let res;
    try {
      res = await fetch('../events', { headers, signal: ctrl.signal, cache: 'no-store' });
    } catch (err) {
      setLive('off', String(err));
      if (err.name !== 'AbortError') again();
      return;
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) {
      setLive('off', 'GET /events: ' + res.status);
      return; // no live mode here, or not with this key: typing another starts again
    }
    if (!res.ok || !res.body) {
      setLive('off', 'GET /events: ' + res.status);
      again();
      return;
    }
    setLive('on');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) {
            try {
              handle(event, JSON.parse(data));
            } catch (err) { /* an event this page does not read */ }
          }
        }
      }
    } catch (err) {
      if (err.name === 'AbortError') return;
    }
    // The server ended the stream (shutdown, or this page fell behind):
    // draw what was missed and listen again.
    setLive('off', 'the stream ended');
    scheduleLoad();
    again();
  }

  load();
  listen();
})();
