export { Emulator } from './Emulator.js';
export type {
  CreateGroupOptions,
  EmulatorOptions,
  IdleOptions,
  StartOptions,
} from './EmulatorOptions.js';
export { SimUser } from './control/SimUser.js';
export type { OutgoingFile, OutgoingMessage } from './control/SimUser.js';
export { SimChat } from './control/SimChat.js';
export type { WaitOptions } from './control/SimChat.js';
export { InlineQueryResults } from './control/InlineQueryResults.js';
export { emulatorBackend } from './control/emulatorBackend.js';
export type {
  ApiObject,
  CallbackAnswer as ControlCallbackAnswer,
  ControlBackend,
  ControlBot,
  ControlChat,
  ControlCommands,
  ControlEvent,
  ControlForceReply,
  ControlUser,
  CreateGroupInput,
  InlineAnswer,
  OutgoingText,
  OutgoingUpload,
} from './http/ControlBackend.js';
export { ControlError } from './http/ControlError.js';
export type { PayOptions } from './control/pay.js';
export { World } from './world/World.js';
export type { GroupOptions, PostOptions, WorldOptions } from './world/World.js';
export type {
  CallbackAnswer,
  CallbackQueryMeta,
  ChatRef,
  WorldEvents,
} from './world/WorldEvents.js';
export { BotAccount } from './world/BotAccount.js';
export type { BotAccountOptions, CommandsByLanguage } from './world/BotAccount.js';
export { UserAccount } from './world/UserAccount.js';
export type { UserAccountOptions } from './world/UserAccount.js';
export { ChatRecord } from './world/ChatRecord.js';
export type { ChatType } from './world/ChatRecord.js';
export { ReplyKeyboards } from './world/ReplyKeyboards.js';
export type {
  ForceReplyRequest,
  KeyboardAudience,
  KeyboardMarkup,
} from './world/ReplyKeyboards.js';
export { ChatMemberRecord } from './world/ChatMemberRecord.js';
export type { Account, MemberStatus } from './world/ChatMemberRecord.js';
export { FileStore } from './world/FileStore.js';
export type { FileKind, StoredFile } from './world/FileStore.js';
export { EmulatorError } from './world/EmulatorError.js';
export type { EmulatorErrorCode } from './world/EmulatorError.js';
export { QueryBook, QUERY_TOO_OLD } from './world/QueryBook.js';
export { InlineCache, MAX_INLINE_CACHE_TIME } from './world/InlineCache.js';
export type { CachedInlineAnswer } from './world/InlineCache.js';
export type { ControlLink } from './control/ControlLink.js';
export type {
  InlineMessageRef,
  InlineQueryAnswer,
  InvoiceDetails,
  PreCheckoutAnswer,
  ShippingAnswer,
} from './world/QueryAnswers.js';
export { METHODS, UNSUPPORTED_METHODS } from './methods/registry.js';
export type { MethodContext, MethodImpl, UploadedFile } from './methods/MethodContext.js';
export { ApiError, badRequest, conflict, tooManyRequests } from './ApiError.js';
export type { ApiErrorParameters } from './ApiError.js';
export { DescribedResult } from './methods/DescribedResult.js';
export { UPDATE_METHODS, withUpdateMethods } from './methods/updates.js';
export { HttpServer } from './server/HttpServer.js';
export type { ExtraRoutes, HttpServerOptions } from './server/HttpServer.js';
export { Faults } from './server/Faults.js';
export type { FaultKind, FaultRule, FaultsOptions } from './server/Faults.js';
export { DEFAULT_FLOOD_LIMITS, FloodControl } from './server/FloodControl.js';
export type { FloodControlOptions, FloodLimits } from './server/FloodControl.js';
export type { MethodSpecLike } from './server/MethodRunner.js';
export type { ParamSpecLike } from './server/validateParams.js';
export type { TypeSpecLike } from './server/findMissingField.js';
export { BotUpdates } from './updates/BotUpdates.js';
export type {
  BotUpdatesOptions,
  GetUpdatesParams,
  WebhookInfoFields,
} from './updates/BotUpdates.js';
export type { WebhookConfig, WebhookError, WebhookReplyRunner } from './updates/WebhookDelivery.js';
