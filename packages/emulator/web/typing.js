// The chat action line under the chat's title ("typing…", "Echo is uploading photo…"): shown on a
// chatAction event, cleared by the bot's next message or after 5 seconds, as in Telegram.

const SHOWN_MS = 5000;

/**
 * Wires the status line. `idleText()` is what it shows when nobody is acting ("bot", "3 members").
 */
export function typingIndicator({ status, idleText }) {
  let timer;

  function stop() {
    clearTimeout(timer);
    status.classList.remove('typing');
    status.textContent = idleText();
  }

  return {
    /** Shows `action` (a sendChatAction action) by `botName`; `inGroup` names the bot. */
    show(action, botName, inGroup) {
      if (action === 'cancel') {
        stop();
        return;
      }
      const verb = action === 'typing' ? 'typing…' : `${action.replace(/_/g, ' ')}…`;
      status.textContent = inGroup ? `${botName} is ${verb}` : verb;
      status.classList.add('typing');
      clearTimeout(timer);
      timer = setTimeout(stop, SHOWN_MS);
    },
    stop,
  };
}
