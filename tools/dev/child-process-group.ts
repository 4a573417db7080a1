import { spawn, type ChildProcess } from 'node:child_process';
import { painter, type Colour } from './ansi.js';
import { LineSplitter } from './line-splitter.js';

export interface ChildSpec {
  /** Short name used in the output prefix (`api |`) and in messages. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  colour?: Colour;
}

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: Error;
}

export interface RunResult extends ChildExit {
  stdout: string;
  stderr: string;
}

interface TextSink {
  write(text: string): unknown;
}

export interface ChildProcessGroupOptions {
  stdout?: TextSink;
  stderr?: TextSink;
  colour?: boolean;
  /** How long `stopAll()` waits after SIGTERM before SIGKILL. */
  killAfterMs?: number;
  /** Width the names are padded to, so the `|` columns line up. */
  prefixWidth?: number;
}

interface Member {
  spec: ChildSpec;
  child: ChildProcess;
  exited: Promise<ChildExit>;
  /** Resolves once stdout/stderr are drained too (every line has been printed). */
  closed: Promise<void>;
  exit?: ChildExit;
}

/** How long to wait for a child's pipes to drain after it exited (a grandchild could hold them open). */
const DRAIN_GRACE_MS = 500;

/**
 * The child processes of the dev runtime, as one unit:
 * - each line they print is passed through unchanged behind a coloured `name |` prefix;
 * - `start()`ed children are long-running: one exiting before `stopAll()` is reported by `unexpectedExit`;
 * - `run()` runs a one-shot command to completion and hands back its exit and captured output;
 * - `stopAll()` sends SIGTERM to everything still alive, waits, and SIGKILLs what is left after a grace
 *   period.
 *
 * Children get their own process group (`detached`): a terminal Ctrl-C then reaches only the runtime, which
 * stops them in order (API and worker before the Redis and PostgreSQL they use) instead of everything at
 * once, and each child sees exactly one SIGTERM. If the runtime itself exits without `stopAll()` (a crash),
 * an `exit` hook still sends SIGTERM so no orphan keeps the ports.
 */
export class ChildProcessGroup {
  private readonly members = new Set<Member>();
  private readonly out: TextSink;
  private readonly err: TextSink;
  private readonly paint: ReturnType<typeof painter>;
  private readonly killAfterMs: number;
  private readonly prefixWidth: number;
  private stopping = false;
  private stopped: Promise<ChildExit[]> | undefined;
  private reportUnexpected: (exit: ChildExit) => void = () => undefined;

  /** Resolves with the first long-running child that exits while the group is not stopping. */
  readonly unexpectedExit: Promise<ChildExit>;

  constructor(opts: ChildProcessGroupOptions = {}) {
    this.out = opts.stdout ?? process.stdout;
    this.err = opts.stderr ?? process.stderr;
    this.paint = painter(opts.colour ?? false);
    this.killAfterMs = opts.killAfterMs ?? 10_000;
    this.prefixWidth = opts.prefixWidth ?? 7;
    this.unexpectedExit = new Promise((resolve) => (this.reportUnexpected = resolve));
    process.on('exit', this.terminateOnExit);
  }

  /** Starts a long-running child whose output is streamed with its prefix. */
  start(spec: ChildSpec): void {
    if (this.stopping) throw new Error(`cannot start ${spec.name}: the group is stopping`);
    const member = this.spawnMember(spec, { echoStdout: true, captureOutput: false });
    void member.exited.then((exit) => {
      if (!this.stopping) this.reportUnexpected(exit);
    });
  }

  /**
   * Runs a one-shot child to completion. Its stderr is streamed with its prefix; its stdout too when
   * `echoStdout` (off for output meant for the program, like `seed-demo --json`). Both are captured.
   */
  async run(spec: ChildSpec, opts: { echoStdout?: boolean } = {}): Promise<RunResult> {
    if (this.stopping) throw new Error(`cannot run ${spec.name}: the group is stopping`);
    const captured = { stdout: '', stderr: '' };
    const member = this.spawnMember(spec, { echoStdout: opts.echoStdout ?? true, captureOutput: captured });
    const exit = await member.exited;
    await member.closed;
    return { ...exit, ...captured };
  }

  /** Names of the children still running. */
  get running(): string[] {
    return [...this.members].filter((m) => m.exit === undefined).map((m) => m.spec.name);
  }

  /**
   * SIGTERM to every live child, then wait; SIGKILL whatever is still alive after `killAfterMs`.
   * Resolves with how each of them ended. Calling it again returns the same promise (one SIGTERM each).
   */
  stopAll(): Promise<ChildExit[]> {
    this.stopping = true;
    this.stopped ??= this.terminateAll();
    return this.stopped;
  }

  private async terminateAll(): Promise<ChildExit[]> {
    const live = [...this.members].filter((m) => m.exit === undefined);
    for (const m of live) signal(m.child, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const m of live) if (m.exit === undefined) signal(m.child, 'SIGKILL');
    }, this.killAfterMs);
    try {
      const exits = await Promise.all(live.map((m) => m.exited));
      await Promise.all(live.map((m) => m.closed));
      return exits;
    } finally {
      clearTimeout(timer);
      process.removeListener('exit', this.terminateOnExit);
    }
  }

  /** SIGKILL every live child now (a second Ctrl-C: the user does not want to wait). */
  killAll(): void {
    this.stopping = true;
    for (const m of this.members) if (m.exit === undefined) signal(m.child, 'SIGKILL');
  }

  private readonly terminateOnExit = (): void => {
    for (const m of this.members) if (m.exit === undefined) signal(m.child, 'SIGTERM');
  };

  private spawnMember(
    spec: ChildSpec,
    io: { echoStdout: boolean; captureOutput: { stdout: string; stderr: string } | false },
  ): Member {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const prefix = `${this.paint(spec.colour ?? 'cyan', spec.name.padEnd(this.prefixWidth))} ${this.paint('dim', '|')} `;

    const pipe = (
      stream: NodeJS.ReadableStream | null,
      sink: TextSink,
      echo: boolean,
      key: 'stdout' | 'stderr',
    ) =>
      new Promise<void>((resolve) => {
        if (!stream) return resolve();
        const lines = new LineSplitter();
        const emit = (batch: string[]): void => {
          if (echo && batch.length > 0) sink.write(batch.map((line) => `${prefix}${line}\n`).join(''));
        };
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          if (io.captureOutput) io.captureOutput[key] += chunk;
          emit(lines.push(chunk));
        });
        stream.on('error', () => resolve());
        stream.on('close', () => {
          emit(lines.flush());
          resolve();
        });
      });
    const drained = Promise.all([
      pipe(child.stdout, this.out, io.echoStdout, 'stdout'),
      pipe(child.stderr, this.err, true, 'stderr'),
    ]).then(() => undefined);

    const member: Member = {
      spec,
      child,
      closed: Promise.resolve(),
      exited: new Promise<ChildExit>((resolve) => {
        child.once('error', (error) => {
          // 'error' without a pid means it never started; no 'exit' will follow.
          if (child.pid === undefined) resolve({ name: spec.name, code: null, signal: null, error });
        });
        child.once('exit', (code, sig) => resolve({ name: spec.name, code, signal: sig }));
      }).then((exit) => {
        member.exit = exit;
        return exit;
      }),
    };
    member.closed = member.exited.then(() =>
      Promise.race([drained, new Promise<void>((resolve) => setTimeout(resolve, DRAIN_GRACE_MS).unref())]),
    );
    this.members.add(member);
    return member;
  }
}

/** Describes how a child ended, for messages ("exited with code 1", "was killed by SIGKILL"). */
export function describeExit(exit: ChildExit): string {
  if (exit.error) return `could not be started (${exit.error.message})`;
  if (exit.signal) return `was stopped by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    child.kill(sig);
  } catch {
    // Already gone.
  }
}
