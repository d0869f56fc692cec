// Runs the jest suite with the process clock years ahead (libfaketime), so a test that depends on today's date
// fails here today instead of on some day next year. Time flows from the fake start (`@`), and the monotonic clock
// stays real so timers behave. Left out: the BullMQ runs (Redis keeps the real time and BullMQ compares the two
// clocks; the in-process runner still runs the same contract), and the suites that drive other programs
// (moto_server, Chromium, a private redis-server), which would run under the fake clock too and test their clocks, not ours.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FUTURE = process.env.CLOUDWARD_FUTURE_DATE ?? '2031-06-01 12:00:00';

if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error) {
  console.error('test:future-date needs faketime (apt-get install faketime)');
  process.exit(2);
}
const env = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1', CLOUDWARD_TEST_NO_BROWSER: '1' };
delete env.TEST_REDIS_URL;
console.log(`test:future-date: jest with the clock at ${FUTURE}`);
// Every suite that drives Chromium (it imports playwright-core), found rather than listed so a new one is not missed.
const browserSuites = readdirSync('test', { recursive: true })
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => readFileSync(path.join('test', file), 'utf8').includes("from 'playwright-core'"))
  .map((file) => `/test/${file.replaceAll(path.sep, '/')}`);
// test/jobs/redis-restart starts a redis-server of its own, which would run under the fake clock too.
const ignore = ['/test/emulator/', '/test/jobs/redis-restart', ...browserSuites];
const args = [
  '-f',
  `@${FUTURE}`,
  'npx',
  'jest',
  '--testPathIgnorePatterns',
  ...ignore,
  ...process.argv.slice(2),
];
const run = spawnSync('faketime', args, {
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);
