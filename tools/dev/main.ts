/**
 * `npm start`: the whole system on embedded defaults (see dev-runtime.ts). Data lives in <repo>/.data/.
 */
import { colourWanted } from './ansi.js';
import { DevRuntime } from './dev-runtime.js';
import { findRepoRoot } from './repo-root.js';

const runtime = new DevRuntime({
  repoRoot: findRepoRoot(import.meta.url),
  env: process.env,
  colour: colourWanted(process.stdout),
});
const code = await runtime.run();

// Normally nothing is left and the process ends by itself; a straggling handle must not keep it alive.
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
