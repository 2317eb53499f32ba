/**
 * Checks shared by the encoder and template tests: the leaf fields of an ECS document and whether
 * each value fits the type the index template maps it to.
 */

import { isIP } from 'node:net';
import { mappedFieldPaths } from '../../../src/setup/index-template.js';

const MAPPED = mappedFieldPaths();
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Every leaf of `doc` as dotted path -> values (array elements flattened). */
export function leafValues(doc: unknown, prefix = '', out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  // An empty object falls through as a leaf value, which no mapping type accepts.
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && Object.keys(doc).length > 0) {
    for (const [k, v] of Object.entries(doc)) leafValues(v, prefix ? prefix + '.' + k : k, out);
    return out;
  }
  const values = Array.isArray(doc) ? doc : [doc];
  out.set(prefix, [...(out.get(prefix) ?? []), ...values]);
  return out;
}

/** What is wrong with one value for a field mapped as `type` (undefined: nothing). */
function valueProblem(type: string, v: unknown): string | undefined {
  switch (type) {
    case 'ip':
      return typeof v === 'string' && isIP(v) !== 0 ? undefined : 'not an IP';
    case 'long':
      return Number.isSafeInteger(v) ? undefined : 'not an integer';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'not a boolean';
    case 'date':
      return typeof v === 'string' && ISO_MS.test(v) ? undefined : 'not ISO 8601 UTC with milliseconds';
    case 'keyword':
    case 'text':
      return typeof v === 'string' ? undefined : 'not a string';
    default:
      return 'unexpected mapping type ' + type;
  }
}

/** Problems of one parsed document: unmapped paths, empty values, values not fitting their type. */
export function documentProblems(doc: unknown): string[] {
  const problems: string[] = [];
  for (const [path, values] of leafValues(doc)) {
    const type = MAPPED.get(path);
    if (type === undefined) {
      problems.push(path + ': not mapped by the index template');
      continue;
    }
    if (values.length === 0) problems.push(path + ': empty array');
    for (const v of values) {
      if (v === '' || v === null) problems.push(path + ': empty value');
      else {
        const problem = valueProblem(type, v);
        if (problem) problems.push(path + ': ' + JSON.stringify(v) + ' ' + problem);
      }
    }
  }
  return problems;
}
