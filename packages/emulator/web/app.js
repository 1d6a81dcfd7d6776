// The emulator's chat page: pick a user, pick or start a chat with a bot, talk to it. Live updates
// (new messages, edits, deletions, typing) come over server-sent events from /control/events.

import { api } from './api.js';
import { attachButton } from './attach.js';
import { renderChats } from './chatList.js';
import { commandMenu } from './commandMenu.js';
import { safeHref } from './entities.js';
import { connectEvents } from './events.js';
import { groupForm } from './groupForm.js';
import { inlineMode } from './inlineMode.js';
import { displayName, renderMessage } from './message.js';
import { showAlert, showToast } from './notify.js';
import { replyBar } from './replyBar.js';
import { replyKeyboard } from './replyKeyboard.js';
import { serviceText } from './serviceMessage.js';
import { typingIndicator } from './typing.js';

const $ = (id) => document.getElementById(id);
const state = {
  users: [],
  bots: [],
  chats: [],
  me: undefined, // user id
  chat: undefined, // ControlChat
  messages: new Map(), // message_id -> message, current chat
  keyboardEvents: 0, // replyKeyboard events seen for the open chat
  forcedReply: undefined, // message_id of the bot message a forced reply is open to
  // While the open chat's history loads: the live changes seen meanwhile, to apply again over it.
  catchUp: undefined,
};

const ui = {
  app: $('app'),
  userSelect: $('user-select'),
  userForm: $('user-form'),
  botSelect: $('bot-select'),
  chatList: $('chat-list'),
  sidebarHint: $('sidebar-hint'),
  title: $('chat-title'),
  avatar: $('chat-avatar'),
  status: $('chat-status'),
  messages: $('messages'),
  noChat: $('no-chat'),
  input: $('message-input'),
  send: $('send'),
  attach: $('attach'),
  composer: $('composer'),
  inlineResults: $('inline-results'),
};

const keyboard = replyKeyboard({
  container: $('reply-keyboard'),
  toggle: $('keyboard-toggle'),
  input: ui.input,
  onPress: (label) => pressKey(label),
  onError: report,
});

const typing = typingIndicator({ status: ui.status, idleText: () => statusText(state.chat) });

const inline = inlineMode({
  input: ui.input,
  results: ui.inlineResults,
  getBots: () => state.bots,
  getMe: () => state.me,
  getChat: () => state.chat,
  onSent: (message) => {
    upsert(message);
    scrollToEnd();
  },
  onError: report,
});

const commands = commandMenu({
  input: ui.input,
  list: $('command-list'),
  button: $('commands-button'),
  getMe: () => state.me,
  getChat: () => state.chat,
  onSend: (text) => sendCommand(text),
  onError: report,
});

const reply = replyBar({
  bar: $('reply-bar'),
  name: $('reply-bar-name'),
  text: $('reply-bar-text'),
  cancel: $('reply-cancel'),
  input: ui.input,
  // A forced reply's placeholder lasts as long as the reply to its message is open.
  onChange: (message, mode) => {
    if (message !== undefined && mode === 'reply' && message.message_id === state.forcedReply)
      return;
    state.forcedReply = undefined;
    keyboard.overridePlaceholder(undefined);
  },
});

/**
 * Opens a reply to the bot message a ForceReply asked the selected person to answer, with its
 * input_field_placeholder, as Telegram clients do. `request` is `{ messageId, placeholder? }`;
 * nothing happens without one, or when that message is not loaded.
 */
function openForcedReply(request) {
  if (!request) return;
  const message = state.messages.get(request.messageId);
  if (message === undefined) return;
  state.forcedReply = message.message_id;
  reply.set(message, 'reply');
  keyboard.overridePlaceholder(request.placeholder);
}

/** Whether a replyKeyboard event is meant for the person the page is now. */
function forMe(event) {
  return event.userIds === 'all' || event.userIds.includes(state.me);
}

function option(value, label) {
  const o = document.createElement('option');
  o.value = String(value);
  o.textContent = label;
  return o;
}

function report(error) {
  showToast(error instanceof Error ? error.message : String(error), 'error');
}

// ---- users, bots, chats -----------------------------------------------------------------------

async function loadUsers(selectId) {
  state.users = await api.users();
  ui.userSelect.replaceChildren(
    ...state.users.map((u) =>
      option(u.id, displayName(u) + (u.username ? ` (@${u.username})` : '')),
    ),
  );
  const stored = Number(selectId ?? localStorage.getItem('delegram.user'));
  const pick = state.users.find((u) => u.id === stored) ?? state.users[0];
  if (pick === undefined) {
    ui.userForm.hidden = false;
    ui.sidebarHint.hidden = false;
    ui.sidebarHint.textContent = 'Create a user to start chatting.';
    return;
  }
  ui.userSelect.value = String(pick.id);
  await selectUser(pick.id);
}

async function loadBots() {
  state.bots = await api.bots();
  ui.botSelect.replaceChildren(...state.bots.map((b) => option(b.id, `@${b.username}`)));
  ui.botSelect.disabled = state.bots.length === 0;
}

async function selectUser(userId) {
  state.me = userId;
  state.chats = [];
  localStorage.setItem('delegram.user', String(userId));
  ui.sidebarHint.hidden = true;
  await loadChats();
  // Someone else was picked while the chats loaded: theirs is the chat to show.
  if (state.me !== userId) return;
  const stored = localStorage.getItem(`delegram.chat.${userId}`);
  const chat = state.chats.find((c) => c.key === stored);
  if (chat) await openChat(chat);
  else closeChat();
}

/** Number of the latest chat list asked for, and its loading: an older answer is dropped. */
let chatListAsked = 0;
let latestChatList = Promise.resolve();

/**
 * Loads the user's chats, keeping each known chat's object (and its preview, unread count). When
 * a newer load started meanwhile, this one's answer is dropped and it settles with the newer one,
 * so a caller always sees the newest list.
 */
function loadChats() {
  const loading = loadChatList(++chatListAsked);
  latestChatList = loading;
  return loading;
}

async function loadChatList(asked) {
  const me = state.me;
  const fresh = await api.chats(me);
  if (state.me !== me) return;
  if (asked !== chatListAsked) return latestChatList;
  const known = new Map(state.chats.map((c) => [c.key, c]));
  state.chats = fresh.map((chat) => {
    const old = known.get(chat.key);
    if (!old) return chat;
    delete old.replyKeyboard;
    return Object.assign(old, chat);
  });
  renderChatList();
}

/** Reloads the chat list after a chat changed (created, renamed, members joined or left). */
async function refreshChats(changedKey) {
  await loadChats();
  if (state.chat && !state.chats.some((c) => c.key === state.chat.key)) closeChat();
  else if (state.chat?.key === changedKey) {
    ui.title.textContent = state.chat.title;
    ui.status.textContent = statusText(state.chat);
  }
  renderChatList();
}

function renderChatList() {
  renderChats(ui.chatList, state.chats, state.chat?.key, (chat) => openChat(chat).catch(report));
}

// ---- the open chat --------------------------------------------------------------------------------

function closeChat() {
  state.chat = undefined;
  state.messages.clear();
  ui.messages.replaceChildren();
  ui.title.textContent = 'No chat selected';
  ui.avatar.textContent = '';
  typing.stop();
  ui.noChat.hidden = false;
  ui.input.disabled = true;
  ui.send.disabled = true;
  ui.attach.disabled = true;
  keyboard.set(undefined);
  reply.set(undefined);
  inline.hide();
  commands.hide();
  $('commands-button').hidden = true;
  ui.app.dataset.view = 'list';
  renderChatList();
}

async function openChat(chat) {
  state.chat = chat;
  chat.unread = 0;
  localStorage.setItem(`delegram.chat.${state.me}`, chat.key);
  ui.title.textContent = chat.title;
  ui.avatar.textContent = chat.title.slice(0, 1).toUpperCase();
  typing.stop();
  ui.noChat.hidden = true;
  ui.input.disabled = false;
  ui.send.disabled = false;
  ui.attach.disabled = false;
  ui.app.dataset.view = 'chat';
  renderChatList();
  state.messages.clear();
  ui.messages.replaceChildren();
  keyboard.set(undefined);
  reply.set(undefined);
  // Inline results (and a query still waiting to run) belong to the chat they were asked in.
  inline.hide();
  commands.reset();
  const keyboardEvents = state.keyboardEvents;
  const loaded = await loadLog(chat);
  if (loaded === undefined) return;
  const [history, fresh] = loaded;
  const { forceReply, ...described } = fresh;
  Object.assign(chat, described);
  ui.status.textContent = statusText(chat);
  for (const message of history) upsert(message);
  for (const apply of loaded.seen) apply();
  // A keyboard event that came in while loading is newer than the snapshot.
  if (state.keyboardEvents === keyboardEvents) {
    keyboard.set(fresh.replyKeyboard);
    openForcedReply(forceReply);
  }
  scrollToEnd();
  ui.input.focus();
}

/**
 * Fetches the chat's history and its snapshot for this person; `undefined` when another chat was
 * opened meanwhile. The live changes to the chat seen while fetching come along as `seen`: the
 * history may be older than they are, so they are applied again over it.
 */
async function loadLog(chat) {
  const seen = [];
  state.catchUp = seen;
  try {
    const result = await Promise.all([api.history(chat.key), api.chat(chat.key, state.me)]);
    if (state.chat !== chat) return undefined;
    return Object.assign(result, { seen });
  } finally {
    if (state.catchUp === seen) state.catchUp = undefined;
  }
}

/** Applies a live change to the open chat's log (and keeps it for a history being loaded). */
function applyLive(apply) {
  apply();
  state.catchUp?.push(apply);
}

function context() {
  return {
    meId: state.me,
    isGroup: state.chat?.type !== 'private',
    onPress: (message, button, key) => press(message, button, key),
    onPay: (message, key) => pay(message, key),
    onCommand: (text) => sendCommand(text),
    onReply: (message) => reply.set(message, 'reply'),
    onEdit: (message) => reply.set(message, 'edit'),
    onDelete: (message) => {
      if (!window.confirm('Delete this message?')) return;
      api.remove(state.me, state.chat.key, message.message_id).catch(report);
    },
    onSwitchInline: (query) => {
      const bot = botOf(state.chat);
      if (!bot) return;
      ui.input.value = `@${bot.username} ${query ?? ''}`;
      ui.input.focus();
      onInput();
    },
  };
}

/** Adds or replaces a message's bubble, keeping the log in message_id order. */
function upsert(message) {
  state.messages.set(message.message_id, message);
  const node = renderMessage(message, context());
  const old = ui.messages.querySelector(`[data-message-id="${message.message_id}"]`);
  if (old) {
    old.replaceWith(node);
  } else {
    const after = [...ui.messages.children].find(
      (li) => Number(li.dataset.messageId) > message.message_id,
    );
    ui.messages.insertBefore(node, after ?? null);
  }
}

function remove(messageIds) {
  // A reply to (or an edit of) a message that is gone cannot be sent any more.
  if (reply.target !== undefined && messageIds.includes(reply.target.message_id))
    reply.set(undefined);
  for (const id of messageIds) {
    state.messages.delete(id);
    ui.messages.querySelector(`[data-message-id="${id}"]`)?.remove();
  }
}

function scrollToEnd() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function nearEnd() {
  return ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
}

/** The line under the chat's title: "bot" or the member count, when nobody is typing. */
function statusText(chat) {
  if (!chat) return '';
  if (chat.type === 'private') return 'bot';
  const count = chat.userIds.length + chat.botIds.length;
  return `${count} member${count === 1 ? '' : 's'}`;
}

function botOf(chat) {
  return chat ? state.bots.find((b) => chat.botIds.includes(b.id)) : undefined;
}

// ---- actions ----------------------------------------------------------------------------------------

async function sendText(text) {
  if (!state.chat || text.trim() === '') return;
  const chat = state.chat;
  const target = reply.target?.message_id;
  const message =
    reply.mode === 'edit' && target !== undefined
      ? await api.edit(state.me, chat.key, target, text)
      : await api.send(state.me, chat.key, text, target);
  reply.set(undefined);
  if (state.chat === chat) upsert(message);
  scrollToEnd();
}

/**
 * Sends a command picked in a message or in the command list: a message of its own (a reply when
 * a reply is open). An edit that is open stays open; the command does not replace its text.
 */
async function sendCommand(text) {
  if (reply.mode !== 'edit' || reply.target === undefined) {
    await sendText(text);
    return;
  }
  if (!state.chat) return;
  const chat = state.chat;
  const message = await api.send(state.me, chat.key, text);
  if (state.chat === chat) upsert(message);
  scrollToEnd();
}

/** Sends a photo or document from the attach button, with the input's text as its caption. */
async function sendFile(upload) {
  if (!state.chat) throw new Error('Open a chat first');
  const chat = state.chat;
  const caption = ui.input.value.trim();
  const message = await api.sendFile(state.me, chat.key, {
    ...upload,
    ...(caption === '' ? {} : { caption }),
  });
  if (caption !== '') {
    ui.input.value = '';
    onInput();
  }
  if (state.chat === chat) upsert(message);
  scrollToEnd();
}

function onInput() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
  inline.update();
  commands.update();
}

/** Presses a key of the reply keyboard: the emulator sends its text (or contact, location). */
async function pressKey(label) {
  if (!state.chat) return;
  const chat = state.chat;
  const message = await api.pressKey(state.me, chat.key, label);
  if (state.chat === chat) upsert(message);
  scrollToEnd();
}

/**
 * What to name an inline button by when pressing it. The control API looks for a button with
 * that text first, then for one with that callback data: the callback data is used unless it is
 * some button's text (a pager's "Back" with data "1" next to a "1" button), then the button's text.
 */
function pressLabel(message, button) {
  const data = button.callback_data;
  const buttons = message.reply_markup?.inline_keyboard?.flat() ?? [];
  return data !== undefined && !buttons.some((b) => b.text === data) ? data : button.text;
}

async function press(message, button, key) {
  key.disabled = true;
  key.classList.add('busy');
  try {
    const answer = await api.press(
      state.me,
      state.chat.key,
      message.message_id,
      pressLabel(message, button),
    );
    if (answer?.url) openAnswerUrl(answer.url);
    if (answer?.text) {
      if (answer.showAlert) showAlert(answer.text);
      else showToast(answer.text);
    }
  } catch (error) {
    report(error);
  } finally {
    key.disabled = false;
    key.classList.remove('busy');
  }
}

/** Opens the URL of a callback answer (a game's), unless it is not a link (`javascript:` ...). */
function openAnswerUrl(url) {
  const href = safeHref(url);
  if (href === undefined)
    report(new Error(`The bot answered with a URL the page does not open: ${url}`));
  else window.open(href, '_blank', 'noopener');
}

async function pay(message, key) {
  key.disabled = true;
  try {
    await api.pay(state.me, state.chat.key, message.message_id);
    showToast('Payment sent');
  } catch (error) {
    report(error);
  } finally {
    key.disabled = false;
  }
}

// ---- live events -------------------------------------------------------------------------------------

/** Catches up after the event stream was down: chats, and the open chat's messages and keyboard. */
async function resync() {
  await loadBots();
  if (state.me === undefined) {
    await loadUsers();
    return;
  }
  await loadChats();
  const chat = state.chat;
  if (!chat) return;
  const loaded = await loadLog(chat);
  if (loaded === undefined) return;
  const [history, fresh] = loaded;
  const present = new Set(history.map((m) => m.message_id));
  remove([...state.messages.keys()].filter((id) => !present.has(id)));
  for (const message of history) upsert(message);
  for (const apply of loaded.seen) apply();
  keyboard.set(fresh.replyKeyboard);
  if (fresh.forceReply?.messageId !== state.forcedReply) openForcedReply(fresh.forceReply);
}

const eventHandlers = {
  message: (event) => {
    const chat = state.chats.find((c) => c.key === event.chatKey);
    if (!chat) {
      if (event.message.from?.id !== state.me) refreshChats(event.chatKey).catch(report);
      return;
    }
    chat.preview =
      serviceText(event.message) ?? event.message.text ?? event.message.caption ?? 'Media';
    if (state.chat?.key === event.chatKey) {
      const follow = nearEnd() || event.message.from?.id === state.me;
      applyLive(() => upsert(event.message));
      if (event.message.from?.is_bot) typing.stop();
      if (follow) scrollToEnd();
    } else if (event.message.from?.id !== state.me) {
      chat.unread = (chat.unread ?? 0) + 1;
    }
    renderChatList();
  },
  edit: (event) => {
    if (state.chat?.key === event.chatKey) applyLive(() => upsert(event.message));
  },
  delete: (event) => {
    if (state.chat?.key === event.chatKey) applyLive(() => remove(event.messageIds));
  },
  chat: (event) => {
    if (state.me !== undefined) refreshChats(event.chatKey).catch(report);
  },
  // Keyboards and forced replies are per person: only those meant for the selected one apply.
  replyKeyboard: (event) => {
    if (state.chat?.key !== event.chatKey || !forMe(event)) return;
    state.keyboardEvents += 1;
    keyboard.set(event.keyboard);
    openForcedReply(event.forceReply);
  },
  chatAction: (event) => {
    if (state.chat?.key !== event.chatKey) return;
    const bot = state.bots.find((b) => b.id === event.botId);
    typing.show(event.action, bot?.first_name ?? 'bot', state.chat.type !== 'private');
  },
};

// ---- wiring ----------------------------------------------------------------------------------------------

ui.userSelect.addEventListener('change', () =>
  selectUser(Number(ui.userSelect.value)).catch(report),
);
$('new-user').addEventListener('click', () => {
  ui.userForm.hidden = !ui.userForm.hidden;
  if (!ui.userForm.hidden) $('user-name').focus();
});
ui.userForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const name = $('user-name').value.trim();
  const username = $('user-username').value.trim().replace(/^@/, '');
  api
    .createUser(name, username || undefined)
    .then((user) => {
      ui.userForm.reset();
      ui.userForm.hidden = true;
      return loadUsers(user.id);
    })
    .catch(report);
});
$('chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (state.me === undefined) return report(new Error('Create a user first'));
  api
    .privateChat(state.me, Number(ui.botSelect.value))
    .then(async (chat) => {
      await loadChats();
      await openChat(state.chats.find((c) => c.key === chat.key) ?? chat);
    })
    .catch(report);
});
groupForm({
  form: $('group-form'),
  toggle: $('new-group'),
  members: $('group-members'),
  getMe: () => state.me,
  onCreated: async (chat) => {
    await loadChats();
    await openChat(state.chats.find((c) => c.key === chat.key) ?? chat);
  },
  onError: report,
});
attachButton({
  button: ui.attach,
  picker: $('file-input'),
  onFile: sendFile,
  onError: report,
});
$('back').addEventListener('click', () => {
  ui.app.dataset.view = 'list';
});
ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  if (inline.submitFirst()) return;
  const text = ui.input.value;
  ui.input.value = '';
  onInput();
  sendText(text).catch((error) => {
    ui.input.value = text;
    report(error);
  });
});
ui.input.addEventListener('input', onInput);
ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    ui.composer.requestSubmit();
  }
});

connectEvents(eventHandlers, { onReconnect: () => resync().catch(report), onError: report });
Promise.all([loadBots(), loadUsers()]).catch(report);
