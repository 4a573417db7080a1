import type { AddressInfo } from 'node:net';
import { EmulatorAdmin } from './admin/emulator-admin.js';
import {
  emulatorClientConfig,
  type AwsCredentials,
  type ClientConfigOptions,
  type EmulatorClientConfig,
} from './client/sdk-client-config.js';
import { defaultSeedPath } from './config/default-seed-path.js';
import { Emulator } from './emulator.js';
import { loadSeed } from './seed/load-seed.js';
import type { Seed } from './seed/seed.types.js';
import { createEmulatorServer } from './server/http-server.js';
import type { EmulatorState } from './state/emulator-state.js';

export interface AwsEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A seed object, or the path of a JSON/YAML seed file. Default: the shipped demo seed. */
  seed?: Seed | string;
}

export interface RunningAwsEmulator {
  /** Base URL for the SDK's `endpoint` option, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly emulator: Emulator;
  /** Current world (replaced by `admin.reset()`, so read it through this getter). */
  readonly state: EmulatorState;
  readonly admin: EmulatorAdmin;
  /** Long-term keys of a seeded IAM user; without a name, the seed's first user (the platform principal). */
  userCredentials(userName?: string): AwsCredentials;
  /** SDK client configuration for this emulator; credentials default to `userCredentials()`. */
  clientConfig(options?: Partial<ClientConfigOptions>): EmulatorClientConfig;
  close(): Promise<void>;
}

/** Starts an emulator for tests or local development; see apps/aws-emulator/README.md. */
export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<RunningAwsEmulator> {
  const seed = await loadSeed(options.seed ?? defaultSeedPath());
  const emulator = new Emulator(seed);
  const admin = new EmulatorAdmin(emulator);
  const server = createEmulatorServer(emulator, admin);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;

  const userCredentials = (userName?: string): AwsCredentials => {
    const users = emulator.state.identity.listUsers();
    const user =
      userName === undefined ? users[0] : users.find((candidate) => candidate.userName === userName);
    if (!user) throw new Error(`aws-emulator: no IAM user ${userName ?? ''} in the seed`);
    return { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
  };

  return {
    url,
    port,
    emulator,
    get state() {
      return emulator.state;
    },
    admin,
    userCredentials,
    clientConfig: (config = {}) =>
      emulatorClientConfig(url, { ...config, credentials: config.credentials ?? userCredentials() }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** A wildcard bind address is reachable through loopback; IPv6 literals need brackets in URLs. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
