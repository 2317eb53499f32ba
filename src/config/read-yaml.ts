import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { didYouMean } from './closest-match.js';
import { ConfigError } from './errors.js';
import { secretRefusal, type Setting } from './option-spec.js';
import { CONFIG_KEYS, SCHEMA, type ConfigKey } from './schema.js';

const KNOWN = new Set<string>(CONFIG_KEYS);
const SECTIONS = new Set(CONFIG_KEYS.filter((key) => key.includes('.')).map((key) => key.split('.')[0]));

function read(path: string, display: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(`config file '${display}' ${reason}`, display);
  }
}

/**
 * The settings of a YAML config file, as raw values with their file and line. Sections are
 * mappings (`pipeline: {concurrency: 8}`); a dotted key (`pipeline.concurrency: 8`) is accepted
 * too. Unknown keys, keys set twice and literal secrets are errors; `key:` with no value is
 * ignored, so the documented file can list optional keys.
 */
export function readYamlSettings(path: string, display: string): Setting[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(read(path, display), { lineCounter, prettyErrors: false });
  const [error] = doc.errors;
  if (error !== undefined) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`invalid YAML in ${display} at line ${line}, column ${col}: ${reason}`, display);
  }
  const where = (node: Node | null | unknown) => {
    const offset = (node as Node | null)?.range?.[0];
    return offset === undefined ? display : `${display} line ${lineCounter.linePos(offset).line}`;
  };

  const settings = new Map<string, Setting>();
  const add = (key: string, pair: Pair, raw: unknown) => {
    const origin = where(pair.key);
    if (!KNOWN.has(key)) throw new ConfigError(`unknown key '${key}' in ${origin}${didYouMean(key, CONFIG_KEYS)}`, key);
    if (settings.has(key)) throw new ConfigError(`'${key}' is set twice in ${display}`, key);
    const spec = SCHEMA[key as ConfigKey];
    if (spec.type === 'secret') throw new ConfigError(secretRefusal(key, spec, origin), key);
    if (raw !== null && raw !== undefined) settings.set(key, { key, raw, origin: where(pair.value) });
  };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) throw new ConfigError(`${display} must be a mapping of settings (key: value)`, display);
  // Values from the resolved document (aliases and merges applied), positions from the syntax tree.
  const data = doc.toJS() as Record<string, unknown>;
  for (const pair of root.items) {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!SECTIONS.has(name)) {
      add(name, pair, data[name]);
      continue;
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isMap(pair.value)) throw new ConfigError(`'${name}' must be a mapping of ${name}.* keys (${where(pair.key)})`, name);
    const section = data[name] as Record<string, unknown>;
    for (const inner of pair.value.items) {
      const sub = String(isScalar(inner.key) ? inner.key.value : inner.key);
      add(`${name}.${sub}`, inner, section[sub]);
    }
  }
  return [...settings.values()];
}
