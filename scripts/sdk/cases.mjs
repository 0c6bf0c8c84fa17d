// Reads the service's OpenAPI document and writes the test cases that both client drivers run:
// every example of every operation, plus one invalid request derived from them. Also checks the
// document for the defects that make generated clients unusable or noisy (see `problems`).
//
// usage: node cases.mjs <api-docs.json> <api-docs-other-host.json> <out.json>
//
// Examples are found both ways the document may carry them: inline on the request body's media
// type (`examples.NAME.value`, or a single `example`) and by reference
// (`examples.NAME.$ref: '#/components/examples/X'`). Request bodies may themselves be a $ref to
// components.requestBodies.
import { readFileSync, writeFileSync } from 'node:fs';

const [docPath, otherHostDocPath, outPath] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const otherHostDoc = JSON.parse(readFileSync(otherHostDocPath, 'utf8'));
const problems = [];

function resolve(node) {
  // Follows local $refs only ('#/a/b'): the service's document is self-contained.
  let seen = 0;
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (!node.$ref.startsWith('#/') || ++seen > 20) throw new Error(`cannot resolve ${node.$ref}`);
    let target = doc;
    for (const part of node.$ref.slice(2).split('/')) {
      target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (target === undefined) throw new Error(`dangling $ref ${node.$ref}`);
    node = target;
  }
  return node;
}

// The generators name API classes after the first tag and models after the schema name, both
// camelised the same way; the drivers need these names to find the generated code.
const camel = (s) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ''));
const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const refName = (schema) => (schema && schema.$ref ? schema.$ref.split('/').pop() : null);

const operations = [];
const cases = [];
const withoutExamples = [];
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
    const op = item[method];
    if (!op) continue;
    const opId = op.operationId ?? `${method} ${path}`;
    const body = op.requestBody ? resolve(op.requestBody) : null;
    const media = body?.content?.['application/json'];
    const ok = op.responses?.['200'] ?? op.responses?.['201'];
    const okMedia = ok ? resolve(ok)?.content?.['application/json'] : null;
    const requestSchema = refName(media?.schema) ?? upperFirst(camel(opId)) + 'Request';
    const responseSchema = refName(okMedia?.schema);
    // Top-level defaults of the request schema: a client that fills them in sends the same
    // request in the service's eyes, which the drivers report as a note, not a failure.
    const defaults = {};
    for (const [name, prop] of Object.entries(resolve(media?.schema ?? {})?.properties ?? {})) {
      const p = resolve(prop);
      if (p && p.default !== undefined) defaults[name] = p.default;
    }
    const operation = {
      operationId: opId,
      method: method.toUpperCase(),
      path,
      api: upperFirst(camel(op.tags?.[0] ?? 'default')) + 'Api',
      requestSchema,
      responseSchema,
      defaults,
    };
    operations.push(operation);
    const examples = [];
    if (media?.example !== undefined) examples.push(['example', media.example]);
    for (const [name, ex] of Object.entries(media?.examples ?? {})) {
      const resolved = resolve(ex);
      if (resolved.externalValue !== undefined && resolved.value === undefined) {
        problems.push(`${opId}: example '${name}' uses externalValue, which this check cannot send`);
        continue;
      }
      examples.push([name, resolved.value]);
    }
    if (examples.length === 0) {
      withoutExamples.push(`${method.toUpperCase()} ${path} (${opId})`);
      continue;
    }
    for (const [name, value] of examples) cases.push({ ...operation, example: name, request: value });
  }
}
if (withoutExamples.length > 0) {
  problems.push(
    `${withoutExamples.length} operation(s) without any request example, so no client call of ` +
      `them can be checked (and each one is generated into both clients): ${withoutExamples.join(', ')}`,
  );
}

// A server URL taken from the request's Host header changes with whoever fetches the document;
// generated clients then hard-code whatever host generated them. Fetched twice with different
// Host headers, a fixed document is identical.
const servers = JSON.stringify(doc.servers ?? []);
const otherServers = JSON.stringify(otherHostDoc.servers ?? []);
if (servers !== otherServers) {
  problems.push(
    `servers depend on the request's Host header: ${servers} vs ${otherServers} when fetched ` +
      `with another Host (generated clients hard-code the generating host as their base URL)`,
  );
}

// The same enum repeated inline in several schemas becomes one distinct enum type per schema in
// the clients (e.g. BceRequest.ReductionEnum vs NllRequest.ReductionEnum): report each value set
// that appears inline in more than one place.
const inlineEnums = new Map();
function walk(node, where) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
  if (Array.isArray(node.enum) && !/^#\/components\/schemas\/[^/]+$/.test(where)) {
    const key = JSON.stringify([...node.enum].sort());
    inlineEnums.set(key, [...(inlineEnums.get(key) ?? []), where]);
  }
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'examples' && k !== 'example') walk(v, `${where}/${k}`);
  }
}
walk(doc.components?.schemas ?? {}, '#/components/schemas');
walk(doc.paths ?? {}, '#/paths');
for (const [key, places] of inlineEnums) {
  if (places.length > 1) {
    problems.push(
      `enum ${key} is repeated inline in ${places.length} places, so each client gets ` +
        `${places.length} distinct enum types for it: ${places.join(', ')}`,
    );
  }
}

// The invalid request: the first example (in document order) with a 2-D array, its last row made
// one element shorter (a ragged tensor: valid JSON and valid for the clients' types, so it reaches
// the service, which must answer 400 with a problem pointing into the body).
let invalid = null;
for (const c of cases) {
  const req = c.request;
  if (!req || typeof req !== 'object') continue;
  const key = Object.keys(req).find(
    (k) =>
      Array.isArray(req[k]) &&
      req[k].length >= 2 &&
      req[k].every((row) => Array.isArray(row) && row.length >= 2 && row.every((x) => typeof x === 'number')),
  );
  if (!key) continue;
  const broken = structuredClone(req);
  broken[key][broken[key].length - 1].pop();
  invalid = { ...c, example: `${c.example}, ${key} ragged (invalid)`, request: broken };
  break;
}
if (!invalid) problems.push('no example has a 2-D array to make an invalid (ragged) request from');

writeFileSync(outPath, JSON.stringify({ operations, cases, invalid, problems }, null, 1));
console.log(`document: ${cases.length} examples in ${operations.length} operations`);
for (const p of problems) console.log(`document: PROBLEM: ${p}`);
