// Builds every image the Docker stack needs without a container registry:
//   npx node deploy/airgap/build-images.ts [--write-env <path>]
// Debian from its package mirror (debootstrap + docker import); Node 24 from the npm package "node";
// PostgreSQL, RabbitMQ and Java (17, which Keycloak 26.5 still supports) from Debian packages; Keycloak
// from its Maven Central distribution; MinIO and Mailpit from the binaries the devstack builds from
// their Go modules. These stand-ins take the place of the official base images in the same Dockerfiles
// (deploy/docker/) an operator with a registry uses.
//
// Every image is tagged with a hash of its inputs (files, base image, build arguments); an image whose
// tag exists already is not built again, so a second run rebuilds only what changed. The tags are
// written as CLINIC_IMAGE_* variables for `docker stack deploy` (default .devstack/images.env), and
// each image is also tagged :latest.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ensureServerDistributions } from '../../devstack/src/provision.ts';
import { REPO_ROOT } from '../../devstack/src/profile.ts';

/** Debian's client: the BuildKit builds need it (another `docker` on the PATH may lack buildx). */
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const AIRGAP = join(REPO_ROOT, 'deploy', 'airgap');
const DOCKERFILES = join(REPO_ROOT, 'deploy', 'docker');
const DEBIAN_SUITE = 'bookworm';
/** In the Debian base, so every image has CA certificates and an init (tini) at hand. */
const DEBIAN_INCLUDE = ['ca-certificates', 'tini'];

const log = (line: string) => console.log(`[images] ${line}`);

function exec(command: string, args: string[], options: { input?: NodeJS.ReadableStream; quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, DOCKER_BUILDKIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output += d.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    if (options.input) options.input.pipe(child.stdin);
    else child.stdin.end();
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-6_000)}`)),
    );
  });
}

/** Hash of a list of inputs: strings, and files or folders (by relative path and content). */
function inputsHash(parts: Array<string | { path: string }>): string {
  const hash = createHash('sha256');
  const addFile = (file: string, base: string) => {
    hash.update(`file:${relative(base, file)}\0`);
    hash.update(readFileSync(file));
  };
  const walk = (path: string, base: string) => {
    const stat = statSync(path);
    if (stat.isFile()) return addFile(path, base);
    for (const entry of readdirSync(path).sort()) {
      if (['node_modules', 'dist', '.devstack'].includes(entry)) continue;
      walk(join(path, entry), base);
    }
  };
  for (const part of parts) {
    if (typeof part === 'string') hash.update(`text:${part}\0`);
    else if (existsSync(part.path)) walk(part.path, REPO_ROOT);
    else hash.update(`absent:${relative(REPO_ROOT, part.path)}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

const imageExists = (tag: string) =>
  exec(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', tag]).then(
    () => true,
    () => false,
  );

const timings: Array<{ image: string; seconds: number; cached: boolean }> = [];

/** Builds `repository:<hash>` unless it exists; returns the tag. */
async function ensureImage(repository: string, hash: string, build: (tag: string) => Promise<void>): Promise<string> {
  const tag = `${repository}:${hash}`;
  const started = Date.now();
  if (await imageExists(tag)) {
    log(`${tag} cached`);
    timings.push({ image: repository, seconds: 0, cached: true });
  } else {
    log(`${tag} building ...`);
    await build(tag);
    const seconds = Math.round((Date.now() - started) / 1000);
    timings.push({ image: repository, seconds, cached: false });
    log(`${tag} built in ${seconds} s`);
  }
  await exec(DOCKER, ['tag', tag, `${repository}:latest`]);
  return tag;
}

const dockerBuild = (dockerfile: string, context: string, tag: string, args: Record<string, string>, target?: string) =>
  exec(DOCKER, [
    'build',
    '--file',
    dockerfile,
    ...Object.entries(args).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]),
    ...(target ? ['--target', target] : []),
    '--tag',
    tag,
    context,
  ]).then(() => undefined);

/** The Debian mirror apt is configured with (deb.debian.org otherwise). */
function debianMirror(): string {
  if (process.env.CLINIC_DEBIAN_MIRROR) return process.env.CLINIC_DEBIAN_MIRROR;
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s+bookworm\b/m.exec(text)?.[1];
    if (uri) return uri;
  }
  return 'http://deb.debian.org/debian';
}

/**
 * Certificate authorities this machine adds to Debian's (e.g. a TLS-inspecting proxy in front of the
 * package registries): the images trust them too, so that npm inside the builds reaches the registry
 * the way the machine does.
 */
const LOCAL_CAS = '/usr/local/share/ca-certificates';
const localCas = () =>
  existsSync(LOCAL_CAS)
    ? readdirSync(LOCAL_CAS)
        .filter((f) => f.endsWith('.crt'))
        .sort()
    : [];

async function debianBase(): Promise<string> {
  const mirror = debianMirror();
  const hash = inputsHash([
    `debootstrap minbase ${DEBIAN_SUITE} ${mirror} ${DEBIAN_INCLUDE.join(',')}, apt caches removed`,
    ...localCas().map((file) => ({ path: join(LOCAL_CAS, file) })),
  ]);
  return ensureImage('clinic-airgap/debian', hash, async (tag) => {
    if (process.getuid?.() !== 0) throw new Error('debootstrap needs root: run this script as root (or with sudo)');
    const rootfs = mkdtempSync(join(tmpdir(), 'clinic-debian-'));
    try {
      await exec('debootstrap', ['--variant=minbase', `--include=${DEBIAN_INCLUDE.join(',')}`, DEBIAN_SUITE, rootfs, mirror]);
      // apt inside the images uses the same mirror.
      writeFileSync(join(rootfs, 'etc', 'apt', 'sources.list'), `deb ${mirror} ${DEBIAN_SUITE} main\n`);
      // As Debian's official images do: no downloaded packages or package lists kept in any layer.
      writeFileSync(
        join(rootfs, 'etc', 'apt', 'apt.conf.d', 'docker-clean'),
        'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\n' +
          'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\n' +
          'Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";\n',
      );
      await exec('sh', ['-c', `rm -rf ${rootfs}/var/cache/apt/archives/*.deb ${rootfs}/var/lib/apt/lists/* ${rootfs}/var/log/*.log`]);
      if (localCas().length > 0) {
        for (const file of localCas()) copyFileSync(join(LOCAL_CAS, file), join(rootfs, LOCAL_CAS.slice(1), file));
        await exec('chroot', [rootfs, 'update-ca-certificates']);
      }
      const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await exec(DOCKER, ['import', '--change', 'CMD ["/bin/bash"]', '-', tag], { input: tar.stdout });
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  });
}

/** Builds a stand-in base from deploy/airgap/<name>.Dockerfile with the given files as its context. */
async function standIn(name: string, debian: string, files: Record<string, string>): Promise<string> {
  const dockerfile = join(AIRGAP, `${name}.Dockerfile`);
  const extra: Record<string, string> = name === 'postgres' ? { 'postgres-entrypoint.sh': join(AIRGAP, 'postgres-entrypoint.sh') } : {};
  const all: Record<string, string> = { ...files, ...extra };
  // Big binaries are hashed by content too: a rebuilt MinIO is a new image.
  const hash = inputsHash([debian, { path: dockerfile }, ...Object.entries(all).flatMap(([n, p]) => [n, { path: p }])]);
  return ensureImage(`clinic-airgap/${name}`, hash, async (tag) => {
    const context = mkdtempSync(join(tmpdir(), `clinic-${name}-`));
    try {
      for (const [target, source] of Object.entries(all)) {
        if (statSync(source).isDirectory()) cpSync(source, join(context, target), { recursive: true });
        else copyFileSync(source, join(context, target));
      }
      await dockerBuild(dockerfile, context, tag, { DEBIAN_BASE: debian });
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });
}

/** The npm client that comes with the machine's Node, for `npm ci` inside the image builds. */
async function npmDirectory(): Promise<string> {
  const globalRoot = (await exec('npm', ['root', '-g'])).trim();
  const dir = join(globalRoot, 'npm');
  if (!existsSync(join(dir, 'bin', 'npm-cli.js'))) throw new Error(`npm not found in ${globalRoot}`);
  return dir;
}

async function main() {
  const envFile = process.argv.includes('--write-env')
    ? process.argv[process.argv.indexOf('--write-env') + 1]!
    : join(REPO_ROOT, '.devstack', 'images.env');
  if (!process.versions.node.startsWith('24.')) throw new Error(`run with Node 24 (npx node …), not ${process.version}`);
  const started = Date.now();
  const servers = await ensureServerDistributions(log);

  const debian = await debianBase();
  const node = await standIn('node', debian, { node: process.execPath, npm: await npmDirectory() });
  const bases = {
    POSTGRES_BASE: await standIn('postgres', debian, {}),
    RABBITMQ_BASE: await standIn('rabbitmq', debian, {}),
    KEYCLOAK_BASE: await standIn('keycloak', debian, { 'keycloak.zip': servers.keycloakZip }),
    MINIO_BASE: await standIn('minio', debian, { minio: servers.minio }),
    MAILPIT_BASE: await standIn('mailpit', debian, { mailpit: servers.mailpit }),
    JAEGER_BASE: await standIn('jaeger', debian, { jaeger: servers.jaeger }),
    PROMETHEUS_BASE: await standIn('prometheus', debian, { prometheus: servers.prometheus, promtool: servers.promtool }),
    POSTGRES_EXPORTER_BASE: await standIn('postgres-exporter', debian, {}),
  };

  const images: Record<string, string> = {};
  const serviceDockerfile = join(DOCKERFILES, 'service.Dockerfile');
  const services = readdirSync(join(REPO_ROOT, 'services')).filter((s) => existsSync(join(REPO_ROOT, 'services', s, 'src', 'main.ts')));
  for (const service of services.sort()) {
    const gateway = service === 'gateway';
    const hash = inputsHash([
      node,
      service,
      { path: serviceDockerfile },
      { path: `${serviceDockerfile}.dockerignore` },
      { path: join(REPO_ROOT, 'package.json') },
      { path: join(REPO_ROOT, 'package-lock.json') },
      { path: join(REPO_ROOT, 'packages') },
      { path: join(REPO_ROOT, 'services', service) },
      ...(gateway ? [{ path: join(REPO_ROOT, 'apps', 'web') }] : []),
    ]);
    images[service] = await ensureImage(`clinic/${service}`, hash, (tag) =>
      dockerBuild(serviceDockerfile, REPO_ROOT, tag, { NODE_BASE: node, SERVICE: service }, gateway ? 'gateway' : 'service'),
    );
  }
  for (const [name, arg] of [
    ['postgres', 'POSTGRES_BASE'],
    ['rabbitmq', 'RABBITMQ_BASE'],
    ['keycloak', 'KEYCLOAK_BASE'],
    ['minio', 'MINIO_BASE'],
    ['mailpit', 'MAILPIT_BASE'],
    ['jaeger', 'JAEGER_BASE'],
    ['prometheus', 'PROMETHEUS_BASE'],
    ['postgres-exporter', 'POSTGRES_EXPORTER_BASE'],
  ] as const) {
    const dockerfile = join(DOCKERFILES, `${name}.Dockerfile`);
    // Keycloak's image also takes the clinic's themes (deploy/keycloak/themes): its context is deploy/.
    const keycloak = name === 'keycloak';
    const context = keycloak ? join(REPO_ROOT, 'deploy') : DOCKERFILES;
    const extra = [
      join(DOCKERFILES, 'secrets-env.sh'),
      join(DOCKERFILES, name),
      ...(keycloak ? [`${dockerfile}.dockerignore`, join(REPO_ROOT, 'deploy', 'keycloak', 'themes')] : []),
    ];
    const hash = inputsHash([bases[arg], { path: dockerfile }, ...extra.map((path) => ({ path }))]);
    images[name] = await ensureImage(`clinic/${name}`, hash, (tag) => dockerBuild(dockerfile, context, tag, { [arg]: bases[arg] }));
  }

  const variables = Object.entries(images).map(([name, tag]) => `CLINIC_IMAGE_${name.toUpperCase().replace(/-/g, '_')}=${tag}`);
  mkdirSync(dirname(envFile), { recursive: true });
  writeFileSync(envFile, variables.join('\n') + '\n');
  const built = timings.filter((t) => !t.cached);
  log(
    `done in ${Math.round((Date.now() - started) / 1000)} s: ${built.length} built (${built.map((t) => `${t.image} ${t.seconds} s`).join(', ') || 'none'}), ` +
      `${timings.length - built.length} cached; image tags in ${envFile}`,
  );
}

main().catch((error: unknown) => {
  console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
