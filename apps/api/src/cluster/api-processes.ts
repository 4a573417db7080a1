import { availableParallelism } from 'node:os';

/**
 * How many API processes serve the port (`API_PROCESSES`): a positive integer, or `auto` for one per CPU.
 * Unset: 1, the right count under an orchestrator that scales containers (one process per container).
 * The API keeps no state between requests, so its processes share the port through node:cluster.
 */
export function apiProcesses(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.API_PROCESSES?.trim();
  if (!raw) return 1;
  if (raw === 'auto') return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    const error = new Error(`API_PROCESSES must be an integer from 1 to 64, or "auto" (got "${raw}")`);
    error.name = 'ConfigValidationError';
    throw error;
  }
  return count;
}
