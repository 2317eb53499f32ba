import { dispatch } from './dispatch.js';

// Sets the status rather than calling process.exit(), so pending stdout writes are not cut off.
process.exitCode = await dispatch(process.argv.slice(2), process.env, process.cwd());
