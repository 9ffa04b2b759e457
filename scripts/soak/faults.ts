// The soak's faults, one every interval in turn, each on the real server of the soak's stack: an
// appointment-service replica killed (the platform starts it again), RabbitMQ restarted, PostgreSQL
// restarted, the SMTP relay stopped and started again, Keycloak stopped and started again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pauseMailpit, resumeMailpit } from '../../devstack/src/mailpit.ts';
import { httpOk, pauseServer, resumeServer, tcpOpen } from '../../devstack/src/process.ts';

export interface FaultContext {
  stateDir: string;
  /** Each service process's base URL, by process name. */
  services: Record<string, string>;
  amqpPort: number;
  postgresPort: number;
  mailUrl: string;
  keycloakReady: string;
  /** Logs in again every patient, before Keycloak goes away. */
  renewTokens: () => Promise<void>;
}

export interface FaultRecord {
  fault: string;
  /** Seconds since the traffic began. */
  startedAt: number;
  /** Seconds the server was down on purpose. */
  heldDownSeconds: number;
  /** Seconds from the fault's start until the server answered again. */
  recoveredAfterSeconds: number;
  error?: string;
}

interface Fault {
  name: string;
  heldDownSeconds: number;
  run: (context: FaultContext) => Promise<void>;
}

const pidOf = (stateDir: string, name: string) =>
  (JSON.parse(readFileSync(join(stateDir, 'run', `${name}.pid`), 'utf8')) as { pid: number }).pid;

/** The faults in the order they come, the replica killed changing each round. */
function faultList(round: number): Fault[] {
  const replica = `appointment-service-${(round % 3) + 1}`;
  return [
    {
      name: `${replica} killed (kill -9)`,
      heldDownSeconds: 0,
      run: async ({ stateDir, services }) => {
        const pid = pidOf(stateDir, replica);
        process.kill(pid, 'SIGKILL');
        // The platform starts it again after a second: ready again under a new pid.
        for (const deadline = Date.now() + 180_000; ; await sleep(250)) {
          if (pidOf(stateDir, replica) !== pid && (await httpOk(`${services[replica]}/ready`).catch(() => false))) return;
          if (Date.now() > deadline) throw new Error(`${replica} was not ready again within 180 s`);
        }
      },
    },
    {
      name: 'RabbitMQ restarted (down 10 s)',
      heldDownSeconds: 10,
      run: async ({ stateDir, amqpPort }) => {
        await pauseServer(stateDir, 'rabbitmq');
        await sleep(10_000);
        await resumeServer(stateDir, 'rabbitmq', () => tcpOpen(amqpPort), 180_000);
      },
    },
    {
      name: 'PostgreSQL restarted (down 5 s)',
      heldDownSeconds: 5,
      run: async ({ stateDir, postgresPort }) => {
        await pauseServer(stateDir, 'postgres');
        await sleep(5_000);
        await resumeServer(stateDir, 'postgres', () => tcpOpen(postgresPort), 180_000);
      },
    },
    {
      name: 'SMTP relay stopped (30 s)',
      heldDownSeconds: 30,
      run: async ({ stateDir, mailUrl }) => {
        await pauseMailpit(stateDir);
        await sleep(30_000);
        await resumeMailpit(stateDir, mailUrl);
      },
    },
    {
      name: 'Keycloak stopped (30 s)',
      heldDownSeconds: 30,
      run: async ({ stateDir, keycloakReady, renewTokens }) => {
        // Tokens of a full lifetime: the clients go on with them while no login is possible.
        await renewTokens();
        await pauseServer(stateDir, 'keycloak');
        await sleep(30_000);
        await resumeServer(stateDir, 'keycloak', () => httpOk(keycloakReady), 300_000);
      },
    },
  ];
}

/**
 * Runs a fault every `everySeconds` (the first half an interval in) until `until` (epoch ms), one at a
 * time: a fault whose server takes long to come back delays the next. `onFault` hears each fault's name
 * as it begins. Resolves with what each fault did once the last is over.
 */
export async function runFaults(
  context: FaultContext,
  options: { everySeconds: number; startedAt: number; until: number; onFault: (name: string) => void; log: (line: string) => void },
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (let n = 0; ; n++) {
    const due = options.startedAt + (options.everySeconds / 2 + n * options.everySeconds) * 1000;
    if (due >= options.until) return records;
    await sleep(Math.max(0, due - Date.now()));
    const fault = faultList(Math.floor(n / 5))[n % 5]!;
    const began = Date.now();
    options.onFault(fault.name);
    options.log(`fault: ${fault.name}`);
    const record: FaultRecord = {
      fault: fault.name,
      startedAt: Math.round((began - options.startedAt) / 1000),
      heldDownSeconds: fault.heldDownSeconds,
      recoveredAfterSeconds: 0,
    };
    try {
      await fault.run(context);
    } catch (error) {
      record.error = (error as Error).message;
      options.log(`  ${record.error}`);
    }
    record.recoveredAfterSeconds = Math.round((Date.now() - began) / 100) / 10;
    options.log(`  back after ${record.recoveredAfterSeconds} s`);
    records.push(record);
  }
}
