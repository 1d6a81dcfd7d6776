import type { RawApi } from '@delegram/api';

/** A test API whose raw methods record their calls and answer `true`. */
export function recordingApi(): {
  api: { readonly raw: RawApi };
  calls: { method: string; params: unknown; signal: AbortSignal | undefined }[];
} {
  const calls: { method: string; params: unknown; signal: AbortSignal | undefined }[] = [];
  const raw = new Proxy(
    {},
    {
      get: (_target, method) => (params: unknown, signal?: AbortSignal) => {
        calls.push({ method: String(method), params, signal });
        return Promise.resolve(true);
      },
    },
  ) as RawApi;
  return { api: { raw }, calls };
}
