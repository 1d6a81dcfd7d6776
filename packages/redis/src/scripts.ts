/**
 * The Lua scripts of {@link RedisStore}: each call is one script, so compare-and-set, the version
 * counter and the expiry are checked and written atomically on the server. A key is a hash
 * `{ v: value, n: version, x: expiresAt }`; `x` is compared with the caller's clock (so tests on
 * a manual clock see expiry), and the server's own `PEXPIRE` removes the key in real time too.
 *
 * @internal
 */

/** KEYS: key. ARGV: now. Returns `{ value, version }` or nil. */
export const GET = `
local cur = redis.call('HMGET', KEYS[1], 'v', 'n', 'x')
if cur[2] == false then return false end
if cur[3] ~= false and tonumber(cur[3]) <= tonumber(ARGV[1]) then return false end
return {cur[1], cur[2]}`;

/**
 * KEYS: key, version counter. ARGV: value, ifVersion ('' for none), ttlMs ('' for none), now.
 * Returns `{1, version}`, or `{0}` / `{0, value, version}` when ifVersion did not match.
 */
export const SET = `
local cur = redis.call('HMGET', KEYS[1], 'v', 'n', 'x')
local live = cur[2] ~= false and (cur[3] == false or tonumber(cur[3]) > tonumber(ARGV[4]))
if ARGV[2] ~= '' then
  local have = 0
  if live then have = tonumber(cur[2]) end
  if have ~= tonumber(ARGV[2]) then
    if live then return {0, cur[1], cur[2]} end
    return {0}
  end
end
local n = redis.call('INCR', KEYS[2])
redis.call('DEL', KEYS[1])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'n', n, 'x', tonumber(ARGV[4]) + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'n', n)
end
return {1, n}`;

/** KEYS: key. ARGV: ifVersion ('' for none), now. Returns 1 if deleted. */
export const DELETE = `
local cur = redis.call('HMGET', KEYS[1], 'n', 'x')
if cur[1] == false then return 0 end
if cur[2] ~= false and tonumber(cur[2]) <= tonumber(ARGV[2]) then return 0 end
if ARGV[1] ~= '' and tonumber(cur[1]) ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
return 1`;
