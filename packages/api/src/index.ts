export { ManualClock, sleep, systemClock } from './clock.js';
export type { Clock, TimerId } from './clock.js';

// --- generated Bot API 10.2 (src/generated, written by `pnpm generate`) ---
export { FriendlyApi } from './generated/FriendlyApi.js';
export * from './generated/methods.js';
export * from './generated/spec.js';
export * from './generated/types.js';

// --- client runtime: Api, uploads, errors, transformers ---
export { AbortError } from './AbortError.js';
export { Api } from './Api.js';
export { nodeHttpFetch, nodeHttpRequest, RequestTimeoutError } from './nodeHttpFetch.js';
export type { NodeHttpInit } from './nodeHttpFetch.js';
export { DEFAULT_API_ROOT } from './ApiOptions.js';
export type { ApiOptions } from './ApiOptions.js';
export { autoRetry } from './autoRetry.js';
export { checkOptions, closestKey, describeValue, is } from './checkOptions.js';
export type { CheckOptionsExtra, OptionRule, OptionRules } from './checkOptions.js';
export { OptionsError } from './OptionsError.js';
export type { AutoRetryOptions } from './autoRetry.js';
export type {
  FetchHeadersLike,
  FetchLike,
  FetchRequestInit,
  FetchResponseLike,
} from './FetchLike.js';
export { guessContentType } from './guessContentType.js';
export { HttpError } from './HttpError.js';
export type { HttpErrorKind } from './HttpError.js';
export { InputFile } from './InputFile.js';
export type { InputFileOptions, InputFileSource } from './InputFile.js';
export { InputFileError } from './InputFileError.js';
export type { InputFileErrorReason } from './InputFileError.js';
export {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TelegramError,
  TooManyRequestsError,
  UnauthorizedError,
} from './TelegramError.js';
export type { ErrorEnvelope, ErrorParameters } from './TelegramError.js';
export type { ApiCall, Transformer, TransformerContext } from './Transformer.js';

// --- flow control ---
export { flowControl } from './flowControl/flowControl.js';
export type { FlowControl } from './flowControl/flowControl.js';
export { FlowControlDelayError } from './flowControl/FlowControlDelayError.js';
export { resolveFlowControlOptions } from './flowControl/FlowControlOptions.js';
export type { FlowControlOptions, FlowControlSettings } from './flowControl/FlowControlOptions.js';
export type { FlowControlStats } from './flowControl/FlowControlStats.js';
export type {
  FlowChatId,
  FlowEventMap,
  FlowEventName,
  FlowListener,
} from './flowControl/FlowEvents.js';
export { isRateLimitedMethod } from './flowControl/isRateLimitedMethod.js';
export { currentPriority, withPriority } from './flowControl/withPriority.js';
export type { Priority } from './flowControl/withPriority.js';
export { beforeDispatch, currentDispatchHook } from './flowControl/beforeDispatch.js';
export type { DispatchHook } from './flowControl/beforeDispatch.js';
// --- end flow control ---
