// "New group" in the sidebar: a title, group or supergroup, and checkboxes for the other people
// and the bots to put in it. The person using the page is always a member (its creator).

import { api } from './api.js';
import { displayName } from './message.js';

function checkbox(name, value, label, checked) {
  const wrap = document.createElement('label');
  wrap.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = name;
  box.value = String(value);
  box.checked = checked;
  wrap.append(box, document.createTextNode(` ${label}`));
  return wrap;
}

/**
 * Wires the group form. `getMe()` is the current user id; `onCreated(chat)` opens the new group.
 */
export function groupForm({ form, toggle, members, getMe, onCreated, onError }) {
  const title = form.querySelector('#group-title');
  const type = form.querySelector('#group-type');

  async function fill() {
    const [users, bots] = await Promise.all([api.users(), api.bots()]);
    const me = getMe();
    members.replaceChildren(
      ...users.filter((u) => u.id !== me).map((u) => checkbox('user', u.id, displayName(u), false)),
      ...bots.map((b, i) => checkbox('bot', b.id, `@${b.username}`, i === 0)),
    );
    if (members.children.length === 0) {
      const none = document.createElement('p');
      none.className = 'empty-hint';
      none.textContent = 'Nobody else yet: create more users or bots first.';
      members.append(none);
    }
  }

  function setOpen(open) {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      fill()
        .then(() => title.focus())
        .catch(onError);
    }
  }

  toggle.addEventListener('click', () => {
    if (getMe() === undefined) {
      onError(new Error('Create a user first'));
      return;
    }
    setOpen(form.hidden);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = (name) =>
      [...members.querySelectorAll(`input[name="${name}"]:checked`)].map((b) => Number(b.value));
    api
      .createGroup(title.value.trim(), type.value, [getMe(), ...picked('user')], picked('bot'))
      .then((chat) => {
        form.reset();
        setOpen(false);
        return onCreated(chat);
      })
      .catch(onError);
  });
}
