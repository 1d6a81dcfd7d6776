import type { ChatAdministratorRights, ChatMember, ChatPermissions } from '@delegram/api';
import type { BotAccount } from './BotAccount.js';
import type { UserAccount } from './UserAccount.js';

/** A member status as Telegram names it. */
export type MemberStatus =
  'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A person or a bot: anyone who can be a chat member. */
export type Account = UserAccount | BotAccount;

/**
 * One account's membership in one chat: status, admin rights or restrictions.
 *
 * {@link ChatMemberRecord.toChatMember} turns it into the Bot API `ChatMember` union.
 */
export class ChatMemberRecord {
  /** Admin rights, for `administrator` (and implicitly all of them for `creator`). */
  rights: ChatAdministratorRights | undefined;
  /** Restrictions, for `restricted`. */
  restrictions: ChatPermissions | undefined;
  /** Unix time a ban or restriction ends (0 = forever). */
  untilDate = 0;
  /** An administrator's custom title. */
  customTitle: string | undefined;

  /**
   * @param account - the member
   * @param status - the starting status
   */
  constructor(
    readonly account: Account,
    public status: MemberStatus,
  ) {}

  /** Whether the account is in the chat now (creator, admin, member, or restricted but a member). */
  get isPresent(): boolean {
    return (
      this.status === 'creator' ||
      this.status === 'administrator' ||
      this.status === 'member' ||
      (this.status === 'restricted' && this.restrictions !== undefined)
    );
  }

  /** Whether the member is the creator or an administrator. */
  get isAdmin(): boolean {
    return this.status === 'creator' || this.status === 'administrator';
  }

  /** Whether this member holds the given admin right (creators hold every right). */
  can(right: keyof ChatAdministratorRights): boolean {
    if (this.status === 'creator') return true;
    return this.status === 'administrator' && this.rights?.[right] === true;
  }

  /** The membership as the Bot API `ChatMember` object. */
  toChatMember(): ChatMember {
    const user = this.account.toUser();
    switch (this.status) {
      case 'creator':
        return {
          status: 'creator',
          user,
          is_anonymous: false,
          ...(this.customTitle === undefined ? {} : { custom_title: this.customTitle }),
        };
      case 'administrator':
        return {
          status: 'administrator',
          user,
          can_be_edited: false,
          ...fullRights(false),
          ...this.rights,
          ...(this.customTitle === undefined ? {} : { custom_title: this.customTitle }),
        };
      case 'restricted':
        return {
          status: 'restricted',
          user,
          is_member: true,
          ...allPermissions(false),
          ...this.restrictions,
          until_date: this.untilDate,
        } as ChatMember;
      case 'kicked':
        return { status: 'kicked', user, until_date: this.untilDate };
      case 'left':
        return { status: 'left', user };
      case 'member':
        return { status: 'member', user };
    }
  }
}

/** Every admin right set to `value` (the required fields of `ChatAdministratorRights`). */
export function fullRights(value: boolean): ChatAdministratorRights {
  return {
    is_anonymous: false,
    can_manage_chat: value,
    can_delete_messages: value,
    can_manage_video_chats: value,
    can_restrict_members: value,
    can_promote_members: value,
    can_change_info: value,
    can_invite_users: value,
    can_post_stories: value,
    can_edit_stories: value,
    can_delete_stories: value,
    can_post_messages: value,
    can_edit_messages: value,
    can_pin_messages: value,
    can_manage_topics: value,
  };
}

/** Every chat permission set to `value`. */
export function allPermissions(value: boolean): Required<ChatPermissions> {
  return {
    can_send_messages: value,
    can_send_audios: value,
    can_send_documents: value,
    can_send_photos: value,
    can_send_videos: value,
    can_send_video_notes: value,
    can_send_voice_notes: value,
    can_send_polls: value,
    can_send_other_messages: value,
    can_add_web_page_previews: value,
    can_react_to_messages: value,
    can_edit_tag: value,
    can_change_info: value,
    can_invite_users: value,
    can_pin_messages: value,
    can_manage_topics: value,
  };
}
