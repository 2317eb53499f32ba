import { dispatch } from './dispatch.js';
import { applyHeapPolicy } from './heap-policy.js';

applyHeapPolicy(process.execArgv, process.env.NODE_OPTIONS);
// Sets the status rather than calling process.exit(), so pending stdout writes are not cut off.
process.exitCode = await dispatch(process.argv.slice(2), process.env, process.cwd());
