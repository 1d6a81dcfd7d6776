// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

function where(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const pkg = url.match(/\/packages\/([^/]+)\//);
  if (pkg)
    return pkg[1] === 'core'
      ? 'delegram'
      : pkg[1] === 'bench'
        ? 'bench harness'
        : `@delegram/${pkg[1]}`;
  if (url.startsWith('node:')) return 'node';
  return basename(url);
}

/** Every .cpuprofile in `dir`, summarised (one per process). */
export function summariseProfiles(dir, n = 12) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => summariseProfile(JSON.parse(readFileSync(join(dir, f), 'utf8')), n));
}

/** One profile: which script it ran, top `n` frames by self time and the share of each package. */
export function summariseProfile(prof, n = 12) {
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
  }
  const frames = new Map();
  const packages = new Map();
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    const name = f.functionName || '(anonymous)';
    const pkg = where(f.url);
    const key = f.url ? `${name} (${pkg}: ${basename(f.url)}:${f.lineNumber + 1})` : name;
    frames.set(key, (frames.get(key) ?? 0) + us);
    const group = ['(garbage collector)', '(idle)', '(program)'].includes(name) ? name : pkg;
    packages.set(group, (packages.get(group) ?? 0) + us);
  }
  const pct = (us) => Math.round((us / total) * 1000) / 10;
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => ({ name, pct: pct(us) }));
  const scripts = prof.nodes
    .map((node) => node.callFrame.url)
    .filter((u) => /\/bench\/src\/.*\.mjs$/.test(u) && !u.includes('/lib/'));
  const process = scripts.some((u) => u.includes('/bots/'))
    ? 'bot process'
    : scripts.some((u) => u.endsWith('/e2e.mjs') || u.endsWith('/flow.mjs'))
      ? 'emulator + simulated users process'
      : scripts.some((u) => u.endsWith('/stub.mjs') || u.endsWith('/stubServer.mjs'))
        ? 'stub Bot API + simulated users process'
        : 'benchmark process';
  return {
    process,
    totalMs: Math.round(total / 1000),
    frames: top(frames, n),
    packages: top(packages, 10),
  };
}
