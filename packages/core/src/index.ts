// delegram: the public API. Each engineer keeps their exports in their own commented block.

// --- flavors, Incoming, Bot, MessageLoop, webhooks (loop) ---
export { Bot } from './Bot.js';
export type { BotOptions } from './Bot.js';
export type { BotEventMap, ErrorInfo, ErrorSource } from './BotEvents.js';
export { BadFlavorError, MalformedUpdateError } from './errors.js';
export { CHAT_KINDS, flavor, isEventFlavor, isKnownKind, updateKind } from './flavor.js';
export type {
  BotEvent,
  ChatKind,
  EventData,
  EventFlavor,
  EventSource,
  Flavor,
  KindFlavor,
} from './flavor.js';
export { toIncoming } from './Incoming.js';
export type { Incoming, IncomingOf, MessageOf } from './Incoming.js';
// --- end loop ---
