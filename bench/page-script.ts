/**
 * Installed in the page before FluxDeck's own scripts (as plain JS text: functions compiled by tsx
 * would carry esbuild helpers the page does not have). It keeps a handle on the app's WebSocket,
 * notes when the first fleet row appears, and times interactions in-page with performance.now().
 *
 * `measure(action)` returns two times from just before the action:
 * - syncMs: the action's handlers, Vue's update flush (a microtask queued by the action) and a
 *   forced style + layout — the main-thread work the interaction costs;
 * - frameMs: until the next frame has been produced (rAF, then a task), which adds up to one
 *   frame of waiting for vsync on top of that work.
 */
/** Placeholders of a bench tick's stream position, replaced in the page by the one that follows the app's. */
export const TICK_STREAM = '__bench_stream__';
export const TICK_SEQ = -1;

export const PAGE_SCRIPT = String.raw`(() => {
  const Native = window.WebSocket;
  const sockets = [];
  const bench = { firstRowAt: null, firstRowFrameAt: null, pollDone: false, tickText: '', wsOpenAt: null, snapshotAt: null, snapshotChars: 0, stream: null, seq: 0, snapshotCalls: 0 };
  // The fleet stream position leads both the snapshot and each diff, so the head of a message is enough.
  const POSITION = /"stream":"([^"]+)","seq":(\d+)/;
  class Captured extends Native {
    constructor(...args) {
      super(...args);
      sockets.push(this);
      // Registered before the app's own listeners: these see each message as it arrives.
      this.addEventListener('open', () => (bench.wsOpenAt ??= performance.now()));
      this.addEventListener('message', (event) => {
        const text = String(event.data);
        const chars = text.length;
        const position = POSITION.exec(text.slice(0, 200));
        if (position) {
          bench.stream = position[1];
          bench.seq = Number(position[2]);
        }
        if (bench.firstRowAt === null && chars > bench.snapshotChars) {
          bench.snapshotChars = chars;
          bench.snapshotAt = performance.now();
        }
      });
    }
  }
  Captured.prototype.send = function (data) {
    if (String(data).includes('"channel":"fleet:status"')) bench.snapshotCalls++;
    return Native.prototype.send.call(this, data);
  };
  window.WebSocket = Captured;
  window.__bench = bench;
  // Main-thread tasks over 50 ms (Chromium's Long Tasks API): what "blocks the page" means here.
  bench.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const firstRow = () => document.querySelector('[data-testid="fleet-row"]');
  const observer = new MutationObserver(() => {
    if (bench.firstRowAt !== null || !firstRow()) return;
    bench.firstRowAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => (bench.firstRowFrameAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
  const socket = () => sockets.find((s) => s.readyState === 1);
  const nextFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      }),
    );
  bench.measure = async (action) => {
    const t0 = performance.now();
    action();
    await Promise.resolve();
    await Promise.resolve();
    void document.body.offsetHeight;
    document.querySelector('[data-testid="fleet-table"]')?.getBoundingClientRect();
    const t1 = performance.now();
    await nextFrame();
    return { syncMs: t1 - t0, frameMs: performance.now() - t0 };
  };
  bench.sort = (key) => bench.measure(() => document.querySelector('[data-testid="sort-' + key + '"]').click());
  bench.filter = (text) =>
    bench.measure(() => {
      const input = document.querySelector('[data-testid="fleet-filter"] input');
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  bench.setTick = (text) => {
    bench.tickText = text.replace('"stream":"${TICK_STREAM}","seq":${TICK_SEQ}', '"stream":' + JSON.stringify(bench.stream) + ',"seq":' + (bench.seq + 1));
  };
  // A fleet:onStatus message delivered through the app's own socket listeners, as if main sent it.
  bench.tick = () => bench.measure(() => socket().dispatchEvent(new MessageEvent('message', { data: bench.tickText })));
  bench.parseTickMs = () => {
    const t0 = performance.now();
    JSON.parse(bench.tickText);
    return performance.now() - t0;
  };
  // Where the first table's time goes: page scripts, socket, the fleet snapshot's arrival, first row.
  bench.loadBreakdown = () => ({
    domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    wsOpen: bench.wsOpenAt,
    snapshotArrived: bench.snapshotAt,
    snapshotMb: bench.snapshotChars / 1048576,
    firstRow: bench.firstRowAt,
    firstRowFrame: bench.firstRowFrameAt,
  });
  // Runs an action and waits until a selector is in the DOM and then for a second without a long
  // task; returns how long the selector took and the long tasks since the action.
  bench.untilSettled = async (action, selector) => {
    bench.longTasks = [];
    const t0 = performance.now();
    action();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    while (!document.querySelector(selector)) await frame();
    const shownMs = performance.now() - t0;
    for (let seen = -1; seen !== bench.longTasks.length; ) {
      seen = bench.longTasks.length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const tasks = bench.longTasks;
    return { shownMs, longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks), longTaskTotalMs: tasks.reduce((a, b) => a + b, 0) };
  };
  bench.firstRowName = () => firstRow()?.getAttribute('data-node-name') ?? null;
  bench.rowCount = () => document.querySelectorAll('[data-testid="fleet-row"]').length;
  bench.sortState = (key) => document.querySelector('[data-testid="sort-' + key + '"]')?.parentElement?.getAttribute('aria-sort') ?? null;
  bench.watchPoll = () => {
    bench.pollDone = false;
    socket().addEventListener('message', (event) => {
      const text = String(event.data);
      if (!text.includes('"fleet:onPollProgress"')) return;
      const p = JSON.parse(text).payload;
      if (p && !p.running && p.done >= p.total && p.total > 0) bench.pollDone = true;
    });
  };
})();`;
