// delegram: the public API. Each engineer keeps their exports in their own commented block.

// --- flavors, Incoming, Bot, MessageLoop, webhooks (loop) ---
// The options check every public constructor shares (from @delegram/api, for catching it here).
export { checkOptions, is, OptionsError } from '@delegram/api';
export type { OptionRule, OptionRules } from '@delegram/api';
export { Bot } from './Bot.js';
export type { BotOptions } from './Bot.js';
export type { BotEventMap, ErrorInfo, ErrorSource } from './BotEvents.js';
export { CONTENT_TYPES, contentType } from './contentType.js';
export type { ContentType } from './contentType.js';
export {
  BadFlavorError,
  ConflictingInstanceError,
  InvalidTokenError,
  MalformedBatchError,
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
  ConfirmMode,
  FlavorRoutingTable,
  LoopHandler,
  LoopStats,
  MessageLoopOptions,
} from './loop/LoopOptions.js';
export type { SequenceKey } from './loop/Sequencer.js';
export { MessageLoop } from './MessageLoop.js';
export { FileInbox } from './inbox/FileInbox.js';
export type { FileInboxOptions, FileInboxStats } from './inbox/FileInbox.js';
export type { Inbox, InboxRecovery } from './inbox/Inbox.js';
export { InboxCorruptError, InboxWriteError } from './inbox/errors.js';
export { messageIdentifier, originIdentifier } from './messageIdentifier.js';
export type { MessageIdentifier } from './messageIdentifier.js';
export { fleece, isEvent, peel } from './peel.js';
export { stopOnSignals } from './signals.js';
export type { SignalSource, Stoppable, StopOnSignalsOptions } from './signals.js';
export { acceptWebhook, SECRET_HEADER } from './webhook/acceptWebhook.js';
export type { WebhookRequest, WebhookResponse } from './webhook/acceptWebhook.js';
export { fetchWebhookHandler } from './webhook/fetchWebhookHandler.js';
export { nodeWebhookHandler } from './webhook/nodeWebhookHandler.js';
export type { NodeWebhookRequest } from './webhook/nodeWebhookHandler.js';
export { OrderedWebhook } from './webhook/OrderedWebhook.js';
export type { OrderedWebhookOptions } from './webhook/OrderedWebhook.js';
export { Orderer } from './webhook/Orderer.js';
export type { OrdererOptions } from './webhook/Orderer.js';
export { deleteWebhook, generateSecretToken, setWebhook } from './webhook/setWebhook.js';
export type { SetWebhookOptions } from './webhook/setWebhook.js';
export { isWebhookReply, webhookReply } from './webhook/WebhookOptions.js';
export type { WebhookOptions, WebhookReply } from './webhook/WebhookOptions.js';
export { WebhookServer } from './webhook/WebhookServer.js';
export type { WebhookServerOptions } from './webhook/WebhookServer.js';
// --- end loop ---

// --- delegation: DelegatorBot, seeders, delegators, pair producers, handlers (delegation) ---
export { DelegatorBot } from './DelegatorBot.js';
export type { DelegatorBotOptions } from './DelegatorBot.js';
export type {
  CloseReason,
  DelegateControl,
  DelegateLogic,
  DelegationPattern,
  Delegator,
  IdleEvent,
  SeedTuple,
} from './delegation/Delegate.js';
export { DelegateScheduler } from './delegation/DelegateScheduler.js';
export { call, createOpen, createRun } from './delegation/delegators.js';
export type { Runnable } from './delegation/delegators.js';
export {
  DelegateClosedError,
  DelegationSetupError,
  DelegatorStoppedError,
  WaitTooLongError,
} from './delegation/errors.js';
export { EventScheduler } from './delegation/EventScheduler.js';
export type { EventSpec, ScheduledEvent, ScheduleOptions } from './delegation/EventScheduler.js';
export type { ScheduleInfo } from './schedule/withSchedule.js';
export type { JobHandle, JobOptions, ZonedJobOptions } from './schedule/RepeatingJobs.js';
export { ScheduleRuleError } from './schedule/ScheduleRuleError.js';
export { nextCron, parseCron } from './schedule/cron.js';
export type { CronRule } from './schedule/cron.js';
export type { LifecycleState } from './delegation/lifecycle.js';
export { Listener } from './delegation/Listener.js';
export type { ListenerSource } from './delegation/Listener.js';
export { OriginMap } from './delegation/OriginMap.js';
export type { Origin } from './delegation/OriginMap.js';
export {
  delegate,
  includeCallbackQueryChatId,
  interceptCallbackQueryOrigin,
  pair,
  paveEventSpace,
} from './delegation/pairs.js';
export type { PairProducer } from './delegation/pairs.js';
export { oneShot } from './delegation/Seed.js';
export type { Seed, Seeder, SeedKey } from './delegation/Seed.js';
export {
  CHAT_AND_INLINE_FLAVORS,
  INLINE_FLAVORS,
  callbackOrigin,
  chain,
  perApplication,
  perCallbackQueryChatId,
  perCallbackQueryOrigin,
  perChatId,
  perChatIdExcept,
  perChatIdIn,
  perEventSourceId,
  perFromId,
  perFromIdExcept,
  perFromIdIn,
  perInlineFromId,
  perInlineFromIdExcept,
  perInlineFromIdIn,
  perInvoicePayload,
  perMessage,
  until,
} from './delegation/seeders.js';
export type { OriginKind } from './delegation/seeders.js';
export { CallbackQueryCapture } from './handlers/CallbackQueryCapture.js';
export { CallbackQueryOriginHandler } from './handlers/CallbackQueryOriginHandler.js';
export { HANDLER_OPTION_RULES } from './handlers/HandlerOptions.js';
export { ChatHandler } from './handlers/ChatHandler.js';
export { DelegateHandler } from './handlers/DelegateHandler.js';
export { fromMachine, MachineDelegate } from './handlers/fromMachine.js';
export type {
  FromMachineOptions,
  MachineDelegateInput,
  UpdateEvent,
} from './handlers/fromMachine.js';
export type { HandlerOptions } from './handlers/HandlerOptions.js';
export { InlineUserHandler } from './handlers/InlineUserHandler.js';
export type { InlineUserHandlerOptions } from './handlers/InlineUserHandler.js';
export { InvoiceHandler } from './handlers/InvoiceHandler.js';
export { Monitor } from './handlers/Monitor.js';
export type { MonitorOptions } from './handlers/Monitor.js';
export { UserHandler } from './handlers/UserHandler.js';
export type { UserHandlerOptions } from './handlers/UserHandler.js';
// --- end delegation ---

// --- routing, filters, capture templates, text entities, proxies, Answerer (routing) ---
export { keyMatching, match, matchAll } from './filtering.js';
export type {
  Template,
  TemplateMap,
  TemplateObject,
  TemplatePredicate,
  TemplateValue,
} from './filtering.js';
export { applyEntitiesAsHtml, applyEntitiesAsMarkdown, InvalidEntityError } from './text.js';
export type { EntityLike, EntityUser } from './text.js';
export { defaultRoute, noMatch } from './routing/routeKeys.js';
export type { KeyFunction, KeyResult, RouteKey } from './routing/routeKeys.js';
export { NoHandlerError } from './routing/NoHandlerError.js';
export { Router } from './routing/Router.js';
export type { RouteHandler, Routes, RoutingTable } from './routing/Router.js';
export {
  byChatCommand,
  byCommand,
  byContentType,
  byData,
  byRegex,
  byText,
  lowerKey,
  processKey,
  upperKey,
} from './routing/keyFunctions.js';
export type { ByCommandOptions } from './routing/keyFunctions.js';
export {
  flavorRouter,
  makeContentTypeRoutingTable,
  makeRoutingTable,
  methodNameFor,
} from './routing/makeRoutingTable.js';
export type { FlavorTable, TableKeySpec } from './routing/makeRoutingTable.js';
export { and, command, not, ofContentType, or, regexp, runFilter } from './routing/filters.js';
export type {
  CommandData,
  CommandMatch,
  CommandOptions,
  DataOf,
  Filter,
  FilterResult,
  HasText,
  InputOf,
  MessageWith,
  NarrowOf,
  Narrowing,
  RegexpData,
  RegexpOptions,
  SomeFilter,
} from './routing/filters.js';
export { FilterRouter } from './routing/FilterRouter.js';
export { Sender, SENDER_METHODS } from './proxies/Sender.js';
export type { SenderConstructor, SenderMethodName, SenderMethods } from './proxies/Sender.js';
export { Administrator, ADMINISTRATOR_METHODS } from './proxies/Administrator.js';
export type {
  AdministratorConstructor,
  AdministratorMethodName,
  AdministratorMethods,
} from './proxies/Administrator.js';
export { Editor, EDITOR_METHODS } from './proxies/Editor.js';
export type {
  EditorBound,
  EditorConstructor,
  EditorMethodName,
  EditorMethods,
  EditorTarget,
} from './proxies/Editor.js';
export type {
  BoundMethod,
  DropBound,
  DropFirst,
  Equal,
  Positional,
  ProxyApi,
  RequiredKeys,
  Trailing,
} from './proxies/boundMethod.js';
export { Answerer } from './Answerer.js';
export type {
  AnswererBot,
  AnswererCounters,
  AnswererOptions,
  AnswerOptions,
  AnswerOutcome,
  Compute,
  ComputeAnswer,
  ComputeResult,
} from './Answerer.js';
export { AnswerAbortedError } from './answerer/AnswerAbortedError.js';
export type { AnswerAbortReason } from './answerer/AnswerAbortedError.js';
export { paginate } from './answerer/paginate.js';
export type { InlinePage } from './answerer/paginate.js';
// --- end routing ---

// --- durable state: stores, envelopes, errors (state) ---
export {
  mustRedeliver,
  StateConflictError,
  StateFormatError,
  StateSaveError,
  StateSchemaError,
  StateSerializationError,
  StateStoreError,
  StoreClosedError,
} from './state/errors.js';
export { MemoryStore } from './state/MemoryStore.js';
export { checkStoreArgs } from './state/checkStoreArgs.js';
export type { MemoryStoreOptions } from './state/MemoryStore.js';
export { ENVELOPE_FORMAT } from './state/StateEnvelope.js';
export type { StateEnvelope } from './state/StateEnvelope.js';
export type { StateCodec, StateOptions } from './state/StateOptions.js';
export type { StateStats } from './state/StateStats.js';
export type {
  DeleteOptions,
  SetOptions,
  SetResult,
  StateStore,
  StoredEntry,
  StoredValue,
} from './state/StateStore.js';
export type { StateBinding } from './delegation/Delegate.js';
export { Sessions } from './state/Sessions.js';
export type { Session, SessionsOptions } from './state/Sessions.js';
export { decodeEnvelope } from './state/StateEnvelope.js';
// --- end state ---

// --- broadcast: one message to many chats, under flow control, resumable (broadcast) ---
export { broadcast, BroadcastRun } from './broadcast/broadcast.js';
export type { BroadcastEventMap } from './broadcast/broadcast.js';
export { broadcastOutcomes } from './broadcast/broadcastOutcomes.js';
export type { RecordedOutcome } from './broadcast/broadcastOutcomes.js';
export type { StoredOutcome } from './broadcast/BroadcastCursor.js';
export { BroadcastConflictError } from './broadcast/BroadcastConflictError.js';
export type {
  BroadcastChatId,
  BroadcastMessage,
  BroadcastOptions,
  BroadcastSendContext,
} from './broadcast/BroadcastOptions.js';
export type {
  BroadcastCounts,
  BroadcastOutcome,
  BroadcastProgress,
  BroadcastReport,
  ChatOutcome,
} from './broadcast/BroadcastReport.js';
// --- end broadcast ---
