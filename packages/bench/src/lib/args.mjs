// Command-line parsing: `--key value`, `--key=value` and `--flag`; the rest in `_`.

/** Parses argv into an object. */
export function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

/** A numeric option with a default; fails on something that is not a positive number. */
export function numberArg(args, name, fallback) {
  if (args[name] === undefined) return fallback;
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`--${name} ${String(args[name])}: give a positive number`);
  }
  return n;
}

/** Logs progress to stderr (stdout carries the JSON result of a child). */
export function logger(prefix) {
  return (...parts) => process.stderr.write(`[${prefix}] ${parts.join(' ')}\n`);
}
