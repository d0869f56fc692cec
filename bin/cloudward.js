#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript; `npm ci` builds it through the `prepare` script.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'api', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('cloudward: not built yet; run `npm run build` (npm ci does this for you)');
  process.exit(2);
}
// The SDK warns on every start that releases after January 2027 need Node 22; the versions Cloudward ships are
// pinned by package-lock.json, so on a CLI's stderr (and CI logs) it is noise. An explicit setting wins.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
