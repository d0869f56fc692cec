#!/usr/bin/env node
// npm 11 on Linux leaves the other platforms' optional native packages (@swc/core-darwin-*, ...) out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync (npm/cli#4828, #8320). This adds the
// missing records (version, os, cpu, libc; optional) so `npm ci` works. The registry reachable here does not
// serve those packages at all, so os/cpu/libc are read from the package names, which follow Node's
// process.platform / process.arch naming (`@swc/core-darwin-arm64`, `...-linux-arm-gnueabihf`).
// Run after changing dependencies: node .ci/lockfile-platform-entries.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix'];
const CPUS = ['arm64', 'x64', 'arm', 'ppc64', 's390x', 'ia32', 'loong64', 'riscv64', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const osIndex = parts.findIndex((part) => OSES.includes(part));
  if (osIndex < 0 || !CPUS.includes(parts[osIndex + 1])) return null; // not a platform package
  const abi = parts[osIndex + 2] ?? '';
  const libc = abi.startsWith('musl') ? ['musl'] : abi.startsWith('gnu') ? ['glibc'] : undefined;
  return { cpu: [parts[osIndex + 1]], ...(libc ? { libc } : {}), os: [parts[osIndex]] };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${location}/node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[key] = { version: spec, ...platform, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform package records`);
