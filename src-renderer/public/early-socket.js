// Serve mode opens its WebSocket here, while the page's modules still load, and on the fleet's routes
// names the fleet snapshot in its address (`?call=`), which main answers as call 0 as soon as the socket
// is accepted: main builds the snapshot during the bundle's start instead of after it (a message sent
// from here would wait for the socket's open event, which runs only once the modules have). WsBridge
// adopts the socket, what it received and the call. A plain script, not a module, so it runs as the
// page is parsed. In Electron the preload's bridge is already there and this does nothing.
(() => {
  if (window.fluxdeck) return;
  // Only a head start: a route this misjudges asks as usual, or its answer is never claimed.
  // The router's fleet routes, written again because no module has run yet; early-socket.test.ts holds them equal.
  const asks = /^(#\/?(fleet|nodes\/.+)?)?$/.test(location.hash);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws${asks ? '?call=fleet:status' : ''}`);
  const messages = [];
  const keep = (message) => messages.push(String(message.data));
  socket.addEventListener('message', keep);
  window.fluxdeckEarlySocket = { socket, messages, calls: asks ? { 'fleet:status': 0 } : {}, detach: () => socket.removeEventListener('message', keep) };
})();
