// The one-line text of a service message (members joining or leaving, a group created or renamed,
// a message pinned ...), shown centred in the log as Telegram does; undefined for other messages.

function name(user) {
  if (!user) return 'Someone';
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || 'Someone';
}

function quote(text) {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `«${short}»`;
}

/** The service line for `message`, or undefined when it is an ordinary message. */
export function serviceText(message) {
  const from = name(message.from);
  if (message.group_chat_created || message.supergroup_chat_created)
    return `${from} created the group ${quote(message.chat?.title ?? '')}`;
  if (message.channel_chat_created) return 'Channel created';
  if (message.new_chat_members) {
    const joined = message.new_chat_members;
    if (joined.length === 1 && joined[0].id === message.from?.id) return `${from} joined the group`;
    return `${from} added ${joined.map(name).join(', ')}`;
  }
  if (message.left_chat_member) {
    const left = message.left_chat_member;
    return left.id === message.from?.id
      ? `${from} left the group`
      : `${from} removed ${name(left)}`;
  }
  if (message.new_chat_title !== undefined)
    return `${from} changed the group name to ${quote(message.new_chat_title)}`;
  if (message.new_chat_photo) return `${from} changed the group photo`;
  if (message.delete_chat_photo) return `${from} removed the group photo`;
  if (message.pinned_message) {
    const pinned = message.pinned_message;
    const text = pinned.text ?? pinned.caption;
    return `${from} pinned ${text ? quote(text) : 'a message'}`;
  }
  if (message.migrate_to_chat_id !== undefined || message.migrate_from_chat_id !== undefined)
    return 'The group was upgraded to a supergroup';
  return undefined;
}
