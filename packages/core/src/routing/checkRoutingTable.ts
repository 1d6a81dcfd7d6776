import { closestKey, describeValue, OptionsError } from '@delegram/api';
import { TABLE_FLAVORS } from '../loop/invokeHandler.js';

/**
 * Checks a routing table when a router is built, so a mistake fails at once rather than on the
 * first message that hits it: the table must be an object or a `Map`, every entry a function or a
 * router (an object with `route`), and, for a table by flavor, every string key a flavor (the
 * closest one is suggested for a misspelling).
 *
 * @param table - the routing table given
 * @param owner - who takes it, for the message
 * @param byFlavor - whether the keys must be flavors (`flavorRouter`)
 * @throws OptionsError (a `TypeError`) naming the key
 */
export function checkRoutingTable(table: unknown, owner: string, byFlavor = false): void {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new OptionsError(owner, '', 'an object or a Map', describeValue(table), {
      what: 'the routing table',
    });
  }
  const entries: [PropertyKey, unknown][] =
    table instanceof Map
      ? [...(table as ReadonlyMap<PropertyKey, unknown>)]
      : Reflect.ownKeys(table).map((key) => [key, (table as Record<PropertyKey, unknown>)[key]]);
  for (const [key, value] of entries) {
    const name = typeof key === 'symbol' ? (key.description ?? 'symbol') : String(key);
    if (byFlavor && typeof key === 'string' && !TABLE_FLAVORS.includes(key) && !/^_./.test(key)) {
      const suggestion = closestKey(key, TABLE_FLAVORS);
      throw new OptionsError(owner, key, 'a known option', describeValue(value), {
        ...(suggestion === undefined ? {} : { suggestion }),
        what: `flavor ${key}`,
        hint:
          `the keys are flavors (${TABLE_FLAVORS.slice(0, 4).join(', ')}, ..., unknown, or an ` +
          'event flavor _name) and defaultRoute',
      });
    }
    if (value === undefined || typeof value === 'function' || isRoutes(value)) continue;
    throw new OptionsError(owner, name, 'a handler function or a router', describeValue(value), {
      what: `the entry for ${name}`,
    });
  }
}

function isRoutes(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { route?: unknown }).route === 'function'
  );
}
