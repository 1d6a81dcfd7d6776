// The page's live feed: the control API's server-sent events (/control/events), one handler per
// event type, and a call back when the stream comes back after it was lost (EventSource reconnects
// by itself; what happened meanwhile must be fetched again).

/**
 * Connects to the event stream. `handlers` maps event types (`message`, `edit`, `delete`,
 * `chatAction`, `replyKeyboard`, `chat`, ...) to functions of the event's data; `onReconnect()`
 * runs when the stream is back after an error; `onError(error)` gets handler failures.
 */
export function connectEvents(handlers, { onReconnect, onError }) {
  const source = new EventSource('/control/events');
  for (const [type, handler] of Object.entries(handlers)) {
    source.addEventListener(type, (e) => {
      try {
        handler(JSON.parse(e.data));
      } catch (error) {
        onError(error);
      }
    });
  }
  let lost = false;
  source.addEventListener('open', () => {
    document.body.classList.remove('offline');
    if (!lost) return;
    lost = false;
    onReconnect();
  });
  source.addEventListener('error', () => {
    lost = true;
    document.body.classList.add('offline');
  });
  return source;
}
