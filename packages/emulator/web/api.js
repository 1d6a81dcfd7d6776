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
    throw new ControlApiError(response.status, 'bad_response', `the emulator answered ${response.status}`);
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
  history: (chatId) => call('GET', `/chats/${chatId}/messages`),
  send: (userId, chatId, text) => call('POST', `/chats/${chatId}/messages`, { userId, text }),
  press: (userId, chatId, messageId, button) =>
    call('POST', `/chats/${chatId}/messages/${messageId}/press`, { userId, button }),
  pay: (userId, chatId, messageId) =>
    call('POST', `/chats/${chatId}/messages/${messageId}/pay`, { userId }),
  inline: (userId, botId, query, chatId) => call('POST', '/inline', { userId, botId, query, chatId }),
  choose: (userId, queryId, resultId, chatId) =>
    call('POST', `/inline/${encodeURIComponent(queryId)}/choose`, { userId, resultId, chatId }),
  fileUrl: (fileId) => `/control/files/${encodeURIComponent(fileId)}`,
};
