// delegram: the public API. Each engineer keeps their exports in their own commented block.

// --- flavors, Incoming, Bot, MessageLoop, webhooks (loop) ---
export { Bot } from './Bot.js';
export type { BotOptions } from './Bot.js';
export type { BotEventMap, ErrorInfo, ErrorSource } from './BotEvents.js';
export { CONTENT_TYPES, contentType } from './contentType.js';
export type { ContentType } from './contentType.js';
export {
  BadFlavorError,
  ConflictingInstanceError,
  InvalidTokenError,
  MalformedUpdateError,
  NoIdentifierError,
  StopTimeoutError,
  UnsupportedFlavorError,
  WebhookActiveError,
} from './errors.js';
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
export { flance, glance, isGlanceFlavor } from './glance.js';
export type {
  ChatType,
  Flance,
  Glance,
  GlanceFlavor,
  GlanceOptions,
  LongGlances,
  ShortGlances,
} from './glance.js';
export { toIncoming } from './Incoming.js';
export type { Incoming, IncomingOf, MessageOf } from './Incoming.js';
export { backoffDelay } from './loop/backoff.js';
export type { BackoffOptions } from './loop/backoff.js';
export type {
  FlavorRoutingTable,
  LoopHandler,
  LoopStats,
  MessageLoopOptions,
} from './loop/LoopOptions.js';
export type { SequenceKey } from './loop/Sequencer.js';
export { MessageLoop } from './MessageLoop.js';
export { messageIdentifier, originIdentifier } from './messageIdentifier.js';
export type { MessageIdentifier } from './messageIdentifier.js';
export { fleece, isEvent, peel } from './peel.js';
// --- end loop ---
