// The page's live feed: the control API's server-sent events (/control/events), one handler per
// event type, and a call back when the stream comes back after it was lost (EventSource reconnects
// by itself after a network error; what happened meanwhile must be fetched again).

/** Waits before opening a new stream after the browser gave one up, in ms (doubling, capped). */
const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

/**
 * Connects to the event stream. `handlers` maps event types (`message`, `edit`, `delete`,
 * `chatAction`, `replyKeyboard`, `chat`, ...) to functions of the event's data; `onReconnect()`
 * runs when the stream is back after an error; `onError(error)` gets handler failures.
 *
 * The browser retries a dropped stream by itself, but gives up for good when an answer is not a
 * 200 event stream (a proxy's error page, a server restarting behind one): then a new stream is
 * opened after a pause, so the page never stays offline while the emulator is reachable.
 */
export function connectEvents(handlers, { onReconnect, onError }) {
  let lost = false;
  let attempt = 0;
  const open = () => {
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
    source.addEventListener('open', () => {
      attempt = 0;
      document.body.classList.remove('offline');
      if (!lost) return;
      lost = false;
      onReconnect();
    });
    source.addEventListener('error', () => {
      lost = true;
      document.body.classList.add('offline');
      if (source.readyState !== EventSource.CLOSED) return;
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      attempt += 1;
      setTimeout(open, wait);
    });
  };
  open();
}
