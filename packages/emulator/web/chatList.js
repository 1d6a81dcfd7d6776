// The chat list in the sidebar: one row per chat with its avatar letter, title, last message and
// unread count; click or Enter opens it.

/** Renders `chats` into `list`, marking the one with `currentKey`; `onOpen(chat)` opens a chat. */
export function renderChats(list, chats, currentKey, onOpen) {
  list.replaceChildren(
    ...chats.map((chat) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(chat.key === currentKey));
      li.tabIndex = 0;
      li.dataset.chatKey = chat.key;
      li.className = 'chat-item';
      const avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = chat.title.slice(0, 1).toUpperCase();
      const name = document.createElement('span');
      name.className = 'chat-name';
      name.textContent = chat.title;
      const preview = document.createElement('span');
      preview.className = 'chat-preview';
      preview.textContent = chat.preview ?? (chat.type === 'private' ? 'bot' : chat.type);
      const text = document.createElement('span');
      text.className = 'chat-text';
      text.append(name, preview);
      li.append(avatar, text);
      if (chat.unread) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = String(chat.unread);
        badge.setAttribute('aria-label', `${chat.unread} unread`);
        li.append(badge);
      }
      li.addEventListener('click', () => onOpen(chat));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen(chat);
      });
      return li;
    }),
  );
}
