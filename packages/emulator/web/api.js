// The chat page's client for the emulator's control API (JSON over HTTP under /control/).

/** An error answered by the control API, with its machine-readable code. */
export class ControlApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ControlApiError';
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
  const response = await fetch(`/control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json;
  try {
    json = await response.json();
  } catch {
    throw new ControlApiError(
      response.status,
      'bad_response',
      `the emulator answered ${response.status}`,
    );
  }
  if (!json.ok) throw new ControlApiError(response.status, json.error.code, json.error.message);
  return json.result;
}

export const api = {
  users: () => call('GET', '/users'),
  createUser: (firstName, username) =>
    call('POST', '/users', username ? { firstName, username } : { firstName }),
  bots: () => call('GET', '/bots'),
  chats: (userId) => call('GET', `/chats?userId=${encodeURIComponent(userId)}`),
  privateChat: (userId, botId) => call('POST', '/chats', { type: 'private', userId, botId }),
  // With userId: the reply keyboard and forced reply that person sees (selective markups).
  chat: (chatKey, userId) =>
    call(
      'GET',
      userId === undefined
        ? `/chats/${chatKey}`
        : `/chats/${chatKey}?userId=${encodeURIComponent(userId)}`,
    ),
  createGroup: (title, type, memberIds, botIds) =>
    call('POST', '/chats', { type, title, memberIds, botIds }),
  pressKey: (userId, chatKey, button) =>
    call('POST', `/chats/${chatKey}/keyboard`, { userId, button }),
  commands: (userId, chatKey) =>
    call('GET', `/chats/${chatKey}/commands?userId=${encodeURIComponent(userId)}`),
  history: (chatKey) => call('GET', `/chats/${chatKey}/messages`),
  send: (userId, chatKey, text, replyToMessageId) =>
    call('POST', `/chats/${chatKey}/messages`, {
      userId,
      text,
      ...(replyToMessageId === undefined ? {} : { replyToMessageId }),
    }),
  edit: (userId, chatKey, messageId, text) =>
    call('POST', `/chats/${chatKey}/messages/${messageId}/edit`, { userId, text }),
  remove: (userId, chatKey, messageId) =>
    call('POST', `/chats/${chatKey}/messages/${messageId}/delete`, { userId }),
  sendFile: (userId, chatKey, upload) =>
    call('POST', `/chats/${chatKey}/files`, { userId, ...upload }),
  press: (userId, chatKey, messageId, button) =>
    call('POST', `/chats/${chatKey}/messages/${messageId}/press`, { userId, button }),
  pay: (userId, chatKey, messageId) =>
    call('POST', `/chats/${chatKey}/messages/${messageId}/pay`, { userId }),
  inline: (userId, botId, query, chatKey, offset) =>
    call('POST', '/inline', { userId, botId, query, chatKey, offset }),
  choose: (userId, queryId, resultId, chatKey) =>
    call('POST', `/inline/${encodeURIComponent(queryId)}/choose`, { userId, resultId, chatKey }),
  fileUrl: (fileId) => `/control/files/${encodeURIComponent(fileId)}`,
};
