// RabbitMQ: a private node per profile (own epmd, ports, cookie and mnesia), management plugin on,
// and its Prometheus plugin (queues, connections, the node's memory) for the stack's Prometheus.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clearPause, serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { run, tcpOpen, waitReady, type ManagedProcess } from './process.ts';

/**
 * How often queues report their depth to the management API: every 5 s by default, so a queue emptied
 * a moment ago still reads as full, and one not yet emptied as empty. The benchmark, which waits for the
 * queues to empty before it measures the next phase, asks for 250 ms (CLINIC_RABBITMQ_STATS_INTERVAL_MS).
 */
function queueStatistics(): string[] {
  const ms = process.env.CLINIC_RABBITMQ_STATS_INTERVAL_MS;
  if (ms === undefined) return [];
  if (!/^\d+$/.test(ms) || Number(ms) < 100) throw new Error(`CLINIC_RABBITMQ_STATS_INTERVAL_MS must be at least 100 (ms): ${ms}`);
  return [`collect_statistics_interval = ${ms}`];
}

export interface RabbitInfo {
  amqpUrl: string;
  rabbitManagementUrl: string;
  rabbitUser: string;
  rabbitPassword: string;
}

const USER = 'clinic';

/** Environment shared by rabbitmq-server and rabbitmqctl: everything points into <stateDir>/rabbitmq. */
function rabbitEnv(ctx: StartContext, dir: string): NodeJS.ProcessEnv {
  const { ports, name } = ctx.profile;
  const loopbackOnly = '-kernel inet_dist_use_interface {127,0,0,1}';
  return {
    ...process.env,
    HOME: dir, // the Erlang cookie is created and read here
    RABBITMQ_NODENAME: `clinic-${name}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(ports.amqp),
    RABBITMQ_DIST_PORT: String(ports.rabbitDist),
    ERL_EPMD_PORT: String(ports.epmd),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_LOGS: '-', // to stdout, i.e. our log file
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'), // keeps /etc/rabbitmq/rabbitmq-env.conf out
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: `${loopbackOnly} -start_epmd false`,
    RABBITMQ_CTL_ERL_ARGS: `${loopbackOnly} -start_epmd false`,
    // Two nodes may share this machine: do not pin schedulers to cores.
    RABBITMQ_SCHEDULER_BIND_TYPE: 'u',
  };
}

export async function startRabbit(ctx: StartContext): Promise<Started<RabbitInfo>> {
  const { ports } = ctx.profile;
  const bin = ctx.tools.rabbitBin;
  const dir = serverDir(ctx, 'rabbitmq', ctx.fresh);
  const password = ctx.secrets.rabbit;
  const env = rabbitEnv(ctx, dir);

  // The default user only takes effect when the node is first created (fresh mnesia);
  // repairUser() covers a node whose user no longer matches secrets.json.
  writeFileSync(
    join(dir, 'rabbitmq.conf'),
    [
      `default_user = ${USER}`,
      `default_pass = ${password}`,
      'default_user_tags.administrator = true',
      'default_permissions.configure = .*',
      'default_permissions.read = .*',
      'default_permissions.write = .*',
      'management.tcp.ip = 127.0.0.1',
      `management.tcp.port = ${ports.rabbitMgmt}`,
      'prometheus.tcp.ip = 127.0.0.1',
      `prometheus.tcp.port = ${ports.rabbitPrometheus}`,
      ...queueStatistics(),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_management,rabbitmq_prometheus].\n');
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');

  const procs: ManagedProcess[] = [];
  return startOrCleanUp(procs, async () => {
    // Our own epmd on the profile's port, so that the nodes of both profiles and any system
    // RabbitMQ stay apart, and so that it is stopped with the rest.
    const epmd = spawnServer(ctx, {
      name: 'epmd',
      command: ctx.tools.epmd,
      args: ['-port', String(ports.epmd), '-address', '127.0.0.1'],
      env,
    });
    procs.push(epmd);
    await waitReady({ name: 'epmd', proc: epmd, timeoutMs: 10_000, signal: ctx.signal, ready: () => tcpOpen(ports.epmd) });

    clearPause(ctx, 'rabbitmq');
    const spawn = (restart: boolean) =>
      spawnServer(ctx, { name: 'rabbitmq', command: join(bin, 'rabbitmq-server'), args: [], env, cwd: dir, appendLog: restart });
    const server = spawn(false);
    procs.push(server);
    // Client listeners open last in RabbitMQ's boot, after the management plugin.
    await waitReady({
      name: 'rabbitmq',
      proc: server,
      timeoutMs: 90_000,
      signal: ctx.signal,
      log: ctx.log,
      progressEveryMs: 15_000,
      ready: async () => (await tcpOpen(ports.amqp)) && (await tcpOpen(ports.rabbitMgmt)),
    });
    const mgmtUrl = `http://127.0.0.1:${ports.rabbitMgmt}`;
    await repairUser(ctx, env, mgmtUrl, password);
    const supervised = supervise(ctx, 'rabbitmq', server, () => spawn(true));

    return {
      name: 'rabbitmq',
      info: {
        amqpUrl: `amqp://${USER}:${password}@127.0.0.1:${ports.amqp}`,
        rabbitManagementUrl: mgmtUrl,
        rabbitUser: USER,
        rabbitPassword: password,
      },
      async stop() {
        // Clean shutdown through the CLI, then make sure the whole group and epmd are gone.
        await supervised.stop(async (current) => {
          if (current.running()) {
            await run(join(bin, 'rabbitmqctl'), ['stop'], { env, timeoutMs: 60_000 }).catch((err: Error) =>
              ctx.log(`rabbitmq: rabbitmqctl stop failed, signalling instead: ${err.message.split('\n')[0]}`),
            );
            await Promise.race([current.exited, sleep(20_000)]);
          }
          await current.stop();
        });
        await epmd.stop();
      },
    };
  });
}

/** If the management API rejects our credentials (node older than secrets.json), reset the user. */
async function repairUser(ctx: StartContext, env: NodeJS.ProcessEnv, mgmtUrl: string, password: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`;
  const res = await fetch(`${mgmtUrl}/api/whoami`, { headers: { authorization: auth } });
  await res.body?.cancel();
  if (res.status !== 401) return;
  ctx.log('rabbitmq: resetting user "clinic" to the password in secrets.json');
  const ctl = (...args: string[]) => run(join(ctx.tools.rabbitBin, 'rabbitmqctl'), args, { env });
  await ctl('add_user', USER, password).catch(() => ctl('change_password', USER, password));
  await ctl('set_user_tags', USER, 'administrator');
  await ctl('set_permissions', '-p', '/', USER, '.*', '.*', '.*');
  await ctl('delete_user', 'guest').catch(() => {});
}
