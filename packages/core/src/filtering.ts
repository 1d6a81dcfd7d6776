/**
 * A predicate template: called with the (sub-)value and matches when it returns `true`.
 *
 * @param value - the value at this position of the message
 * @returns whether the value matches
 */
export type TemplatePredicate = (value: unknown) => boolean;

/**
 * What a key of a template may hold: a literal compared with `===` (arrays compared element by
 * element), a `RegExp` tested against a string value, a predicate called with the value, or a
 * nested template the value (an object) must match.
 */
export type TemplateValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | RegExp
  | TemplatePredicate
  | readonly unknown[]
  | TemplateObject
  | TemplateMap;

/**
 * An object template: every key must be present in the value and its value must match.
 *
 * @example
 * ```ts
 * match(msg, { chat: { id: 123 }, text: (t) => typeof t === 'string' && t.length > 3 });
 * ```
 */
export interface TemplateObject {
  readonly [key: string]: TemplateValue;
}

/**
 * A template whose keys may be `RegExp`s. A `RegExp` key selects every data key it matches, and at
 * least one selected value must match (telepot's compiled-regex keys). String keys behave as in a
 * {@link TemplateObject}. Build one with `new Map()` or {@link keyMatching}.
 *
 * @example
 * ```ts
 * // any event (a key starting with '_') whose source is this delegate's event space and id
 * match(event, new Map([[/^_.+/, { source: { space: 3, id: 42 } }]]));
 * ```
 */
export type TemplateMap = ReadonlyMap<string | RegExp, TemplateValue>;

/**
 * A capture template, as in telepot's `filtering.match`: a predicate on the whole message, an
 * object template, or a map template with `RegExp` keys.
 */
export type Template = TemplatePredicate | TemplateObject | TemplateMap;

/**
 * Builds a one-entry {@link TemplateMap} whose `RegExp` key selects data keys.
 *
 * @example
 * ```ts
 * listener.capture([keyMatching(/^_.+/, { source: { space, id } })]);
 * ```
 * @param pattern - selects the data keys to look at (tested with `RegExp.prototype.test`)
 * @param value - the template at least one selected value must match
 * @returns a template matching objects with such a key
 */
export function keyMatching(pattern: RegExp, value: TemplateValue): TemplateMap {
  return new Map<string | RegExp, TemplateValue>([[pattern, value]]);
}

/**
 * Tells whether `data` matches a capture template (telepot's `filtering.match`).
 *
 * - A function template is called with `data`; it matches when it returns `true`.
 * - An object template matches an object that has every key of the template, each value matching
 *   the template's value (literal, array, `RegExp`, predicate or nested template).
 * - A `Map` template may also have `RegExp` keys; each selects the data keys it matches and at
 *   least one of their values must match.
 *
 * @example
 * ```ts
 * match({ chat: { id: 1, type: 'private' }, text: 'hi' }, { chat: { id: 1 } }); // true
 * ```
 * @param data - the message (or any value) to test
 * @param template - the template
 * @returns `true` when `data` matches
 */
export function match(data: unknown, template: Template): boolean {
  return matchValue(data, template);
}

/**
 * Tells whether `data` matches every template (telepot's `match_all`); `true` for an empty list.
 *
 * @param data - the message (or any value) to test
 * @param templates - the templates that must all match
 * @returns `true` when every template matches
 */
export function matchAll(data: unknown, templates: Iterable<Template>): boolean {
  for (const template of templates) {
    if (!match(data, template)) return false;
  }
  return true;
}

function matchValue(data: unknown, template: TemplateValue): boolean {
  if (typeof template === 'function') return template(data) === true;
  if (template instanceof RegExp) return typeof data === 'string' && testRegExp(template, data);
  if (template instanceof Map) return isRecord(data) && matchMap(data, template);
  if (Array.isArray(template)) return matchArray(data, template);
  if (isRecord(template)) return isRecord(data) && matchObject(data, template);
  return Object.is(data, template) || data === template;
}

function matchObject(data: Record<string, unknown>, template: TemplateObject): boolean {
  for (const key of Object.keys(template)) {
    if (!Object.hasOwn(data, key)) return false;
    if (!matchValue(data[key], template[key])) return false;
  }
  return true;
}

function matchMap(data: Record<string, unknown>, template: TemplateMap): boolean {
  for (const [key, value] of template) {
    if (typeof key === 'string') {
      if (!Object.hasOwn(data, key) || !matchValue(data[key], value)) return false;
      continue;
    }
    const selected = Object.keys(data).filter((dataKey) => testRegExp(key, dataKey));
    if (!selected.some((dataKey) => matchValue(data[dataKey], value))) return false;
  }
  return true;
}

function matchArray(data: unknown, template: readonly unknown[]): boolean {
  if (!Array.isArray(data) || data.length !== template.length) return false;
  return template.every((item, i) => deepEqual(data[i], item));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** Tests without the `lastIndex` state a global or sticky RegExp would carry between calls. */
function testRegExp(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const result = pattern.test(text);
  pattern.lastIndex = 0;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
