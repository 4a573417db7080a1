import { z } from 'zod';

/**
 * The contract with `cli seed-demo --json`: the LAST line of its stdout is one JSON object describing the
 * demo tenant and its credentials. Anything before it (log lines) is ignored here.
 */
const seedOutputSchema = z.object({
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  users: z.record(z.string(), z.object({ email: z.string(), role: z.string(), token: z.string() })),
  apiKey: z.object({
    id: z.string(),
    prefix: z.string(),
    secret: z.string(),
    scopes: z.array(z.string()),
  }),
});

export type SeedOutput = z.infer<typeof seedOutputSchema>;

export function parseSeedOutput(stdout: string): SeedOutput {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) throw new Error('seed-demo printed nothing on stdout (expected a JSON line)');
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new Error(`the last line seed-demo printed is not JSON: ${truncate(last)}`);
  }
  const parsed = seedOutputSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`seed-demo's JSON line does not have the expected shape: ${problems}`);
  }
  return parsed.data;
}

/** The stdout lines before the JSON one (log lines worth showing), without the JSON itself. */
export function linesBeforeSeedJson(stdout: string): string[] {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(0, -1);
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
