#!/usr/bin/env node
// The `delegram-emulator` command. It is committed (not built) so that installing the workspace
// can link it before anything is compiled; it runs the compiled CLI, dist/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    'delegram-emulator: the emulator is not built yet (no dist/cli.js); run `pnpm build` in the ' +
      'delegram workspace first\n',
  );
  process.exitCode = 1;
}
