// The Dockerfile and docker-compose.yml, checked without a Docker engine (CI machines have none): both files are
// parsed and held against what Cloudward really reads at runtime. With a working engine the image is built too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile instructions: comments dropped, `\` continuations joined, keywords upper-cased. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) return;
    if (pending !== '' && line.startsWith('#')) return;
    if (pending === '') start = index + 1;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      return;
    }
    const whole = (pending + line).trim();
    pending = '';
    const match = /^(\S+)\s*(.*)$/.exec(whole);
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: start });
  });
  return instructions;
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/).filter((part) => !part.startsWith('--'));
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** Exec form (a JSON array of strings) or undefined for shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
}

function flag(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const stages = stagesOf(dockerfile);
const runtime = stages[stages.length - 1];
const build = stages[0];
const only = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const lastOf = (stage: Stage, keyword: string) => only(stage, keyword).at(-1);
const runtimeWorkdir = lastOf(runtime, 'WORKDIR')?.args ?? '/';
const entrypoint = execForm(lastOf(runtime, 'ENTRYPOINT')?.args ?? '') ?? [];
const cmd = execForm(lastOf(runtime, 'CMD')?.args ?? '') ?? [];
const packageJson = JSON.parse(read('package.json')) as {
  bin: Record<string, string>;
  engines: { node: string };
};

/** `serve` listens on --port, else $PORT, else 8080 (api/cli/serve.ts). */
function servePort(args: readonly string[], env: Record<string, unknown> = {}): number {
  return Number(flag(args, '--port') ?? (env.PORT ? String(env.PORT) : undefined) ?? 8080);
}

interface CopyInstruction {
  from?: string;
  sources: string[];
  destination: string;
}

function copies(stage: Stage): CopyInstruction[] {
  return only(stage, 'COPY').map((instruction) => {
    const parts = instruction.args.split(/\s+/);
    const options = parts.filter((part) => part.startsWith('--'));
    const paths = parts.filter((part) => !part.startsWith('--'));
    const from = options.find((option) => option.startsWith('--from='))?.slice('--from='.length);
    return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

/** Absolute path in the image of a COPY destination (relative destinations are under WORKDIR). */
function inImage(destination: string, workdir: string): string {
  return path.posix.normalize(
    destination.startsWith('/') ? destination : path.posix.join(workdir, destination),
  );
}

/** Minimal .dockerignore matching: plain paths, trailing-`*` globs and `**\/` prefixes (what the file uses). */
function dockerIgnored(file: string, patterns: readonly string[]): boolean {
  const normalized = path.posix.normalize(file).replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((pattern) => {
    const anywhere = pattern.startsWith('**/');
    const body = anywhere ? pattern.slice(3) : pattern;
    const regex = new RegExp(
      '^' +
        (anywhere ? '(?:.*/)?' : '') +
        body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') +
        '(?:/.*)?$',
    );
    return regex.test(normalized);
  });
}

const dockerignore = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

// Build outputs: the TypeScript outDir (tsconfig.json, extended by tsconfig.build.json) and Vite's outDir, under web/.
const tsOutDir = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } })
  .compilerOptions.outDir;
const viteOutDir = /outDir:\s*'([^']+)'/.exec(read('web/vite.config.mts'))?.[1];
const BUILD_OUTPUTS = [tsOutDir, `web/${viteOutDir}`];

/**
 * What the server reads from disk at runtime, as paths relative to the repository (= the image's WORKDIR), and
 * the code that resolves them. The image must contain each of them.
 */
const RUNTIME_FILES: { file: string; readBy: string }[] = [
  { file: 'package.json', readBy: 'api/paths.ts finds the root by package.json and reads the version' },
  { file: packageJson.bin.cloudward, readBy: 'the ENTRYPOINT' },
  { file: `${tsOutDir}/api/cli/main.js`, readBy: 'bin/cloudward.js' },
  {
    file: `${tsOutDir}/onboarding/security-audit-policy.json`,
    readBy: 'onboarding/permissions.ts (JSON import)',
  },
  { file: `web/${viteOutDir}/index.html`, readBy: 'api/paths.ts DEFAULT_WEB_DIR, api/static-web.ts' },
  { file: 'controls/LANGUAGE.md', readBy: 'evaluator/controls/loader.ts builtinControlsDir() looks for it' },
  { file: 'controls/aws', readBy: 'evaluator/controls/loader.ts (control YAML)' },
  { file: 'controls/frameworks', readBy: 'evaluator/controls/loader.ts (framework mappings)' },
  { file: 'controls/calendars/eks-kubernetes-versions.yaml', readBy: 'evaluator/analysers/eks-versions.ts' },
  {
    file: 'store/migrations',
    readBy: 'store/migrate.ts migrationsDir() from dist/store: ../../store/migrations',
  },
];

function coveredBy(file: string, copyList: CopyInstruction[], workdir: string): CopyInstruction | undefined {
  const target = inImage(file, workdir);
  return copyList.find((copy) => {
    const destination = inImage(copy.destination, workdir);
    // `COPY a b ./` puts each source under the destination by its base name; `COPY dir ./dir` copies the contents.
    if (copy.sources.length > 1 || copy.destination.endsWith('/'))
      return copy.sources.some((source) => {
        const placed = path.posix.join(destination, path.posix.basename(source));
        return target === placed || target.startsWith(placed + '/');
      });
    return target === destination || target.startsWith(destination + '/');
  });
}

describe('Dockerfile', () => {
  test('is multi-stage: an official Node image builds, a second stage runs', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const minimumNode = Number(/\d+/.exec(packageJson.engines.node)?.[0]);
    for (const stage of stages) {
      expect(stage.image).toMatch(/^node:\d+/);
      expect(Number(/^node:(\d+)/.exec(stage.image)?.[1])).toBeGreaterThanOrEqual(minimumNode);
    }
    expect(build.name).toBeDefined();
    const buildRuns = only(build, 'RUN').map((i) => i.args);
    expect(buildRuns.some((run) => /\bnpm ci\b/.test(run) && !/--omit=dev/.test(run))).toBe(true);
    expect(buildRuns.some((run) => /\bnpm run build\b/.test(run))).toBe(true);
  });

  test('the runtime stage installs production dependencies only, without scripts, and does not build', () => {
    const runs = only(runtime, 'RUN').map((i) => i.args);
    const install = runs.find((run) => /\bnpm ci\b/.test(run));
    expect(install).toMatch(/--omit=dev/);
    // Nothing may build here: the dev dependencies are left out.
    expect(install).toMatch(/--ignore-scripts/);
    expect(runs.some((run) => /npm run build|\btsc\b|vite build/.test(run))).toBe(false);
  });

  test('runs as a non-root user', () => {
    const user = lastOf(runtime, 'USER');
    expect(user).toBeDefined();
    expect(user!.args.split(':')[0]).not.toMatch(/^(root|0)$/);
    const entrypointLine = lastOf(runtime, 'ENTRYPOINT')!.line;
    expect(user!.line).toBeLessThan(entrypointLine);
  });

  test('the entry point is the server process itself, in exec form, so SIGTERM reaches it', () => {
    expect(entrypoint).toEqual(['node', packageJson.bin.cloudward]);
    expect(existsSync(path.join(ROOT, packageJson.bin.cloudward))).toBe(true);
    expect(cmd[0]).toBe('serve');
    // serve listens on loopback unless told otherwise: in a container that is unreachable.
    expect(flag(cmd, '--host')).toBe('0.0.0.0');
  });

  test('the data directory is a volume, and it is where serve keeps its data', () => {
    const volumes = only(runtime, 'VOLUME').flatMap((i) => execForm(i.args) ?? i.args.split(/\s+/));
    const dataDir = flag(cmd, '--data');
    expect(dataDir).toBeDefined();
    expect(volumes).toContain(dataDir);
  });

  test('EXPOSE and HEALTHCHECK use the port serve listens on; the health check probes /api/v1/health', () => {
    const port = servePort(cmd);
    expect(only(runtime, 'EXPOSE').flatMap((i) => i.args.split(/\s+/))).toContain(String(port));
    const healthcheck = lastOf(runtime, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const probe = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheck!.args)?.[1];
    expect(probe).toBeDefined();
    const probeArgs = execForm(probe!);
    expect(probeArgs).toBeDefined();
    const probeText = probeArgs!.join(' ');
    expect(probeText).toContain('/api/v1/health');
    expect(probeText).toMatch(new RegExp(`\\|\\|${port}\\b|:${port}/`));
    // The slim Node image has neither curl nor wget: the probe must run with what the image has.
    expect(probeArgs![0]).toBe('node');
  });

  test('every COPY from the build stage is a build output or a file of the repository, not .dockerignored', () => {
    const fromBuild = copies(runtime).filter((copy) => copy.from !== undefined);
    expect(fromBuild.length).toBeGreaterThan(0);
    for (const copy of fromBuild) {
      expect([build.name, '0']).toContain(copy.from);
      for (const source of copy.sources) {
        const relative = path.posix.relative(lastOf(build, 'WORKDIR')?.args ?? '/', source);
        const isBuildOutput = BUILD_OUTPUTS.some(
          (output) => relative === output || relative.startsWith(output + '/'),
        );
        if (isBuildOutput) continue;
        expect({ source: relative, exists: existsSync(path.join(ROOT, relative)) }).toEqual({
          source: relative,
          exists: true,
        });
        expect({ source: relative, ignored: dockerIgnored(relative, dockerignore) }).toEqual({
          source: relative,
          ignored: false,
        });
      }
    }
  });

  test('the runtime stage holds every file the server reads at runtime', () => {
    const copyList = copies(runtime);
    for (const { file, readBy } of RUNTIME_FILES) {
      const isBuildOutput = BUILD_OUTPUTS.some((output) => file.startsWith(output + '/'));
      // Sources must exist now; build outputs are produced by the build stage.
      if (!isBuildOutput)
        expect({ file, exists: existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
      expect({ file, readBy, copied: coveredBy(file, copyList, runtimeWorkdir) !== undefined }).toEqual({
        file,
        readBy,
        copied: true,
      });
    }
    const migrations = readdirSync(path.join(ROOT, 'store', 'migrations')).filter((f) => f.endsWith('.sql'));
    expect(migrations.length).toBeGreaterThan(0);
  });

  test('.dockerignore keeps host installs, builds, data and git out of the context', () => {
    for (const file of ['node_modules', 'web/node_modules', 'dist', 'web/dist', 'data', '.git', 'coverage']) {
      expect({ file, ignored: dockerIgnored(file, dockerignore) }).toEqual({ file, ignored: true });
    }
    for (const file of [
      'package.json',
      'package-lock.json',
      'bin/cloudward.js',
      'controls/LANGUAGE.md',
      'web',
    ]) {
      expect({ file, ignored: dockerIgnored(file, dockerignore) }).toEqual({ file, ignored: false });
    }
  });
});

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  ports?: string[];
  volumes?: string[];
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
const services = compose.services;

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]));
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)]),
  );
}

function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

function testText(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

/** The variables of README.md's Configuration table: what Cloudward documents that it reads. */
function documentedVariables(): string[] {
  const readme = read('README.md');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'));
  expect(section).toBeDefined();
  return [...section!.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
}

/** Every .ts file under the runtime folders, for "does the code read this variable". */
function sourceText(): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith('.ts')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const folder of ['api', 'collector', 'evaluator', 'store', 'onboarding'])
    walk(path.join(ROOT, folder));
  return texts.join('\n');
}

// A value that is only compose interpolation: `${NAME}`, `${NAME:?message}`, `${NAME:-}` (empty default).
const ONLY_INTERPOLATION = /^\$\{[A-Z_][A-Z0-9_]*(?::?\?[^}]*|:?-)?\}$/;
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY\b|KEY$/;

describe('docker-compose.yml', () => {
  test('has cloudward (serve), worker, PostgreSQL and Redis', () => {
    expect(Object.keys(services).sort()).toEqual(['cloudward', 'postgres', 'redis', 'worker']);
    expect(commandOf(services.cloudward)[0]).toBe('serve');
    expect(flag(commandOf(services.cloudward), '--host')).toBe('0.0.0.0');
    expect(commandOf(services.worker)[0]).toBe('worker');
    expect(services.postgres.image).toMatch(/^postgres:\d+/);
    expect(services.redis.image).toMatch(/^redis:\d+/);
    // cloudward and worker run this repository's image.
    for (const name of ['cloudward', 'worker']) {
      expect(services[name].build).toBeDefined();
    }
    expect(services.worker.image).toBe(services.cloudward.image);
  });

  test('PostgreSQL and Redis have health checks; Redis keeps BullMQ jobs (noeviction)', () => {
    expect(testText(services.postgres)).toMatch(/^CMD(-SHELL)? .*pg_isready/);
    expect(testText(services.redis)).toMatch(/^CMD(-SHELL)? .*redis-cli ping/);
    // BullMQ refuses to guarantee anything when Redis may evict its keys.
    expect(commandOf(services.redis).join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  test('cloudward and worker wait for healthy PostgreSQL and Redis', () => {
    for (const name of ['cloudward', 'worker']) {
      const dependsOn = services[name].depends_on;
      expect(Array.isArray(dependsOn)).toBe(false);
      const conditions = dependsOn as Record<string, { condition?: string }>;
      expect({ name, postgres: conditions.postgres?.condition, redis: conditions.redis?.condition }).toEqual({
        name,
        postgres: 'service_healthy',
        redis: 'service_healthy',
      });
    }
  });

  test("cloudward's health check asks /api/v1/ready on the port it listens on, which the port mapping publishes", () => {
    const command = commandOf(services.cloudward);
    const port = servePort(command, environmentOf(services.cloudward));
    const probe = testText(services.cloudward);
    expect(probe).toMatch(/^CMD(-SHELL)? /);
    expect(probe).toContain(`:${port}/api/v1/ready`);
    expect((services.cloudward.ports ?? []).some((mapping) => mapping.endsWith(`:${port}`))).toBe(true);
    // Data directory on a named volume at the image's VOLUME.
    const dataDir = flag(command, '--data');
    expect((services.cloudward.volumes ?? []).some((volume) => volume.split(':')[1] === dataDir)).toBe(true);
  });

  test('cloudward and worker get the database, Redis and the secret key the worker requires', () => {
    for (const name of ['cloudward', 'worker']) {
      const env = environmentOf(services[name]);
      expect(new URL(env.DATABASE_URL.replace(/\$\{[^}]*\}/g, 'x')).hostname).toBe('postgres');
      expect(new URL(env.REDIS_URL).hostname).toBe('redis');
      // Required (`:?`): compose refuses to start without it rather than each process inventing its own key.
      expect(env.CLOUDWARD_SECRET_KEY).toMatch(/^\$\{CLOUDWARD_SECRET_KEY:\?[^}]*\}$/);
      if (env.CLOUDWARD_ADMIN_TOKEN !== undefined)
        expect(env.CLOUDWARD_ADMIN_TOKEN).toMatch(ONLY_INTERPOLATION);
    }
    expect(environmentOf(services.worker)).toEqual(environmentOf(services.cloudward));
  });

  test('no literal secret: every secret-looking value comes from the operator’s environment', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(environmentOf(service))) {
        if (SECRET_NAME.test(variable))
          expect({ service: name, variable, value: ONLY_INTERPOLATION.test(value) }).toEqual({
            service: name,
            variable,
            value: true,
          });
        // Credentials inside a URL: the password part must be interpolated too.
        const credentials = /^[a-z]+:\/\/([^@/]*)@/.exec(value)?.[1];
        if (credentials?.includes(':'))
          expect({
            service: name,
            variable,
            password: credentials.slice(credentials.indexOf(':') + 1),
          }).toEqual({
            service: name,
            variable,
            password: expect.stringMatching(ONLY_INTERPOLATION),
          });
      }
    }
  });

  test('every variable given to Cloudward is documented in README.md and read by the code', () => {
    const documented = documentedVariables();
    expect(documented).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'CLOUDWARD_SECRET_KEY']));
    const code = sourceText();
    for (const name of ['cloudward', 'worker']) {
      for (const variable of Object.keys(environmentOf(services[name]))) {
        // AWS_* are the SDK's own (README: "AWS variables ... as the AWS SDK reads them").
        if (variable.startsWith('AWS_')) continue;
        expect({ variable, documented: documented.includes(variable) }).toEqual({
          variable,
          documented: true,
        });
        expect({ variable, read: new RegExp(`\\benv\\.${variable}\\b`).test(code) }).toEqual({
          variable,
          read: true,
        });
      }
    }
  });
});

describe('docker build (needs a Docker engine)', () => {
  const engine = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 20_000 });
  const available = engine.status === 0;
  if (!available) {
    // Said once in the test output, so a green run is not read as "the image builds".
    test.skip('skipped: no working Docker engine (`docker info` failed); the files were only linted', () => {});
    return;
  }
  const tag = `cloudward-test:${process.pid}`;
  afterAll(() => {
    spawnSync('docker', ['image', 'rm', '-f', tag], { timeout: 60_000 });
  });
  test('the image builds, runs as non-root, and its CLI starts', () => {
    const built = spawnSync('docker', ['build', '-t', tag, ROOT], { encoding: 'utf8', timeout: 900_000 });
    expect({ status: built.status, stderr: built.status === 0 ? '' : built.stderr.slice(-4000) }).toEqual({
      status: 0,
      stderr: '',
    });
    const user = spawnSync('docker', ['image', 'inspect', '--format', '{{.Config.User}}', tag], {
      encoding: 'utf8',
    });
    expect(user.stdout.trim()).not.toMatch(/^(|root|0)$/);
    const help = spawnSync('docker', ['run', '--rm', tag, 'serve', '--help'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: cloudward serve');
  }, 900_000);
});
