import type { Message } from '@delegram/api';
import type { World } from '../world/World.js';
import type { ChatRef } from '../world/WorldEvents.js';

/** What a chat handle wants to hear: bot messages and bot edits in its chat. */
export interface ChatSink {
  /** A bot sent a message in the chat. */
  readonly message: (message: Message) => void;
  /** A bot edited a message in the chat. */
  readonly edit: (message: Message) => void;
}

type MessageEvent = { chat: ChatRef; message: Message; fromBot: boolean };
type EditEvent = { chat: ChatRef; message: Message; byBot: boolean };

const routers = new WeakMap<World, ChatEventRouter>();

/**
 * Hands a world's `message` and `edit` events to the handles of the chat they happened in,
 * looked up by chat key: one pair of world listeners however many chats there are, so an event
 * costs the same with 10 chats as with 100,000 (one listener per chat made every event visit every
 * chat).
 *
 * @internal
 */
export class ChatEventRouter {
  private readonly sinks = new Map<string, ChatSink[]>();
  private readonly onMessage = (e: MessageEvent): void => {
    if (!e.fromBot) return;
    const sinks = this.sinks.get(e.chat.key);
    if (sinks !== undefined) for (const sink of sinks) sink.message(e.message);
  };
  private readonly onEdit = (e: EditEvent): void => {
    if (!e.byBot) return;
    const sinks = this.sinks.get(e.chat.key);
    if (sinks !== undefined) for (const sink of sinks) sink.edit(e.message);
  };

  private constructor(private readonly world: World) {}

  /**
   * The router of a world (made on first use).
   *
   * @param world - the world whose events are routed
   * @returns its router
   */
  static of(world: World): ChatEventRouter {
    let router = routers.get(world);
    if (router === undefined) {
      router = new ChatEventRouter(world);
      routers.set(world, router);
    }
    return router;
  }

  /**
   * Starts handing the events of one chat to `sink`.
   *
   * @param key - the chat's key
   * @param sink - what receives them
   * @returns a function that stops it (listening to the world stops with the last sink)
   */
  subscribe(key: string, sink: ChatSink): () => void {
    if (this.sinks.size === 0) {
      this.world.on('message', this.onMessage);
      this.world.on('edit', this.onEdit);
    }
    const list = this.sinks.get(key);
    if (list === undefined) this.sinks.set(key, [sink]);
    else list.push(sink);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.sinks.get(key);
      if (current === undefined) return;
      const rest = current.filter((s) => s !== sink);
      if (rest.length > 0) this.sinks.set(key, rest);
      else this.sinks.delete(key);
      if (this.sinks.size === 0) {
        this.world.off('message', this.onMessage);
        this.world.off('edit', this.onEdit);
      }
    };
  }
}
