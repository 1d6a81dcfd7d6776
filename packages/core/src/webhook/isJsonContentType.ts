/**
 * Tells whether a `Content-Type` header names JSON as Telegram posts it: `application/json`, in
 * any case, with any parameters as long as a `charset`, if given, is UTF-8
 * (`application/json; charset=utf-8` is fine, `text/plain` or `application/json; charset=latin1`
 * is not). A missing header is not JSON.
 *
 * @example
 * ```ts
 * isJsonContentType('application/json; charset=UTF-8'); // true
 * isJsonContentType('application/x-www-form-urlencoded'); // false
 * ```
 *
 * @param value - the header's value, or `undefined` when absent
 * @returns whether the body is to be read as a JSON update
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const [type = '', ...params] = value.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  for (const param of params) {
    const [name = '', raw = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = raw.trim().replace(/^"|"$/g, '').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}
