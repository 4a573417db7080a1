import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Compiled to dist/tools/sim/driver/: the operator CLI is dist/tools/cli/main.js.
const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

/**
 * Runs the operator CLI (`npm run cli -- …`) against the simulator's database: the documented way to create
 * the first platform people and mint their tokens, which GraphQL deliberately does not offer.
 */
export function operatorCli(
  env: Readonly<Record<string, string>>,
  args: readonly string[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args, '--json'], {
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`cli ${args[0]} exited with ${code}: ${stderr.slice(-2000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''));
      } catch {
        reject(new Error(`cli ${args[0]} printed no JSON: ${stdout.slice(-500)}`));
      }
    });
  });
}
