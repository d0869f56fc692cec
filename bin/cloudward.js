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
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
