import { setTimeout as sleep } from 'node:timers/promises';
import { ChildProcessGroup, describeExit, type ChildSpec } from './child-process-group.js';

/** Collects what the group writes and lets a test wait for a line to appear. */
class Sink {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
  async waitFor(fragment: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(fragment)) {
      if (Date.now() > deadline) throw new Error(`"${fragment}" never appeared in:\n${this.text}`);
      await sleep(10);
    }
  }
}

const node = (name: string, script: string): ChildSpec => ({
  name,
  command: process.execPath,
  args: ['-e', script],
});

/** Stays alive until SIGTERM, then says goodbye and exits 0 — like a well-behaved service. */
const GRACEFUL = `
  process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
  console.log('ready'); setInterval(() => {}, 1000);`;

/** Ignores SIGTERM: only SIGKILL ends it. */
const STUBBORN = `
  process.on('SIGTERM', () => console.log('not stopping'));
  console.log('ready'); setInterval(() => {}, 1000);`;

describe('ChildProcessGroup', () => {
  let out: Sink;
  let err: Sink;
  let group: ChildProcessGroup;

  beforeEach(() => {
    out = new Sink();
    err = new Sink();
    group = new ChildProcessGroup({ stdout: out, stderr: err, killAfterMs: 400, prefixWidth: 6 });
  });

  afterEach(() => {
    group.killAll();
  });

  it('prefixes every line, reassembling lines written in pieces, stdout and stderr apart', async () => {
    const result = await group.run(
      node(
        'api',
        `process.stdout.write('{"msg":'); setTimeout(() => { process.stdout.write('"one"}\\n{"msg":"two"}\\nlast'); console.error('warn line'); }, 20);`,
      ),
    );
    expect(result.code).toBe(0);
    expect(out.text).toBe('api    | {"msg":"one"}\napi    | {"msg":"two"}\napi    | last\n');
    expect(err.text).toBe('api    | warn line\n');
  });

  it('stops children with SIGTERM and waits for them to finish', async () => {
    group.start(node('worker', GRACEFUL));
    await out.waitFor('worker | ready');
    expect(group.running).toEqual(['worker']);
    const exits = await group.stopAll();
    expect(exits).toEqual([{ name: 'worker', code: 0, signal: null }]);
    expect(out.text).toContain('worker | bye');
    expect(group.running).toEqual([]);
  });

  it('SIGKILLs a child that ignores SIGTERM once the grace period is over', async () => {
    group.start(node('stuck', STUBBORN));
    await out.waitFor('stuck  | ready');
    const started = Date.now();
    const exits = await group.stopAll();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(exits).toEqual([{ name: 'stuck', code: null, signal: 'SIGKILL' }]);
    expect(out.text).toContain('not stopping');
  });

  it('sends one SIGTERM however often stopAll is called', async () => {
    group.start(
      node(
        'svc',
        `let n = 0; process.on('SIGTERM', () => { n++; setTimeout(() => { console.log('terms=' + n); process.exit(0); }, 100); }); console.log('ready'); setInterval(() => {}, 1000);`,
      ),
    );
    await out.waitFor('svc    | ready');
    const [a, b] = await Promise.all([group.stopAll(), group.stopAll()]);
    expect(a).toBe(b);
    expect(out.text).toContain('terms=1');
  });

  it('reports a long-running child that exits on its own, but not the ones it stops', async () => {
    group.start(node('ok', GRACEFUL));
    group.start(node('crashy', `console.log('ready'); setTimeout(() => process.exit(3), 50);`));
    const exit = await group.unexpectedExit;
    expect(exit).toEqual({ name: 'crashy', code: 3, signal: null });
    expect(describeExit(exit)).toBe('exited with code 3');
    expect(group.running).toEqual(['ok']);

    const quiet = new ChildProcessGroup({ stdout: out, stderr: err, prefixWidth: 6 });
    try {
      quiet.start(node('svc', GRACEFUL));
      await out.waitFor('svc    | ready');
      await quiet.stopAll();
      const reported = await Promise.race([
        quiet.unexpectedExit.then(() => true),
        sleep(200).then(() => false),
      ]);
      expect(reported).toBe(false);
    } finally {
      quiet.killAll();
    }
  });

  it('runs one-shot commands, capturing output and keeping stdout quiet when asked', async () => {
    const result = await group.run(
      node('seed', `console.log('{"a":1}'); console.error('seeding'); process.exit(2);`),
      {
        echoStdout: false,
      },
    );
    expect(result).toMatchObject({
      name: 'seed',
      code: 2,
      signal: null,
      stdout: '{"a":1}\n',
      stderr: 'seeding\n',
    });
    expect(out.text).toBe('');
    expect(err.text).toBe('seed   | seeding\n');
  });

  it('reports a command that cannot be started', async () => {
    const result = await group.run({ name: 'nope', command: '/nonexistent/binary', args: [] });
    expect(result.code).toBeNull();
    expect(describeExit(result)).toMatch(/could not be started \(.*ENOENT/);
  });

  it('refuses new children once stopping', async () => {
    await group.stopAll();
    expect(() => group.start(node('late', GRACEFUL))).toThrow(/stopping/);
    await expect(group.run(node('late', ''))).rejects.toThrow(/stopping/);
  });
});
