// `node dist/evaluator/controls/write-yaml-cache.js`: run by `npm run build` (and by the CLI's first-run build)
// after the TypeScript build, so a scan or server reads the built-in controls' YAML as JSON (see yaml-cache.ts).
import { writeBuiltinYamlCache } from './loader';

writeBuiltinYamlCache();
