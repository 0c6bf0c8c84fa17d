// The playground's state (the numbers as typed), the endpoints, and the request each state makes.

/** The tutorial's example: the service's seed request (openapi/examples/cross-entropy-seed.json). */
export const SEED = {
  logits: [
    ['-1.0606', '1.5613', '1.2007', '-0.2481'],
    ['-1.9652', '-0.4367', '-0.0645', '-0.5104'],
    ['0.1011', '-0.5904', '0.0243', '0.1002'],
  ],
  target: [0, 2, 1],
};

export const ENDPOINTS = {
  'cross-entropy': {
    label: 'Cross-entropy',
    module: 'nn.CrossEntropyLoss',
    path: '/loss/cross-entropy',
    input: 'logits',
    targets: ['classes', 'grid'],
    options: ['weight', 'ignoreIndex', 'labelSmoothing', 'reduction'],
  },
  nll: {
    label: 'NLL',
    module: 'nn.NLLLoss',
    path: '/loss/nll',
    input: 'logProbabilities',
    targets: ['classes'],
    options: ['weight', 'ignoreIndex', 'reduction'],
  },
  'bce-probabilities': {
    label: 'BCE',
    module: 'nn.BCELoss',
    path: '/loss/bce',
    input: 'probabilities',
    targets: ['grid', 'classes'],
    options: ['weight', 'reduction'],
  },
  'bce-logits': {
    label: 'BCE with logits',
    module: 'nn.BCEWithLogitsLoss',
    path: '/loss/bce',
    input: 'logits',
    targets: ['grid', 'classes'],
    options: ['weight', 'posWeight', 'reduction'],
  },
  softmax: {
    label: 'Softmax',
    module: 'softmax',
    path: '/softmax',
    input: 'logits',
    targets: [],
    options: ['temperature', 'upstreamGradient'],
  },
};

/** Field names of the request, by endpoint and target kind. */
export function targetField(endpoint, kind) {
  if (endpoint === 'cross-entropy') return kind === 'grid' ? 'targetProbabilities' : 'target';
  if (endpoint.startsWith('bce')) return kind === 'grid' ? 'target' : 'targetClasses';
  return 'target';
}

export function usesIgnoreIndex(state) {
  return ENDPOINTS[state.endpoint].options.includes('ignoreIndex') && targetKind(state) === 'classes';
}

/** The target kind in effect: the state's choice if the endpoint offers it, else its first. */
export function targetKind(state) {
  const offered = ENDPOINTS[state.endpoint].targets;
  if (offered.length === 0) return null;
  return offered.includes(state.targetKind) ? state.targetKind : offered[0];
}

export function initialState() {
  return {
    endpoint: 'cross-entropy',
    input: SEED.logits.map((row) => row.slice()),
    targetKind: 'classes',
    classes: SEED.target.slice(),
    targetGrid: oneHot(SEED.target, SEED.logits[0].length),
    weightOn: false,
    weight: SEED.logits[0].map(() => '1'),
    posWeightOn: false,
    posWeight: SEED.logits[0].map(() => '1'),
    upstreamOn: false,
    upstream: SEED.logits.map((row) => row.map(() => '0')),
    ignoreIndex: '-100',
    labelSmoothing: '0',
    reduction: 'mean',
    temperature: '1',
  };
}

function oneHot(classes, count) {
  return classes.map((t) => Array.from({length: count}, (_, c) => (c === t ? '1' : '0')));
}

/**
 * Chooses class indices or a grid of targets. The new kind starts from the old one's meaning:
 * class indices become one-hot rows, and a grid's rows become their largest entry's class.
 */
export function setTargetKind(state, kind, before = targetKind(state)) {
  state.targetKind = kind;
  if (before === kind) return;
  if (kind === 'grid') {
    state.targetGrid = oneHot(state.classes, columns(state));
  } else {
    state.classes = state.targetGrid
      .map((row) => {
        const numbers = row.map(value);
        return numbers.indexOf(Math.max(...numbers.map((x) => (Number.isNaN(x) ? -Infinity : x))));
      })
      .map((t) => Math.max(t, 0));
  }
}

export function rows(state) {
  return state.input.length;
}

export function columns(state) {
  return state.input[0].length;
}

export function addRow(state) {
  const c = columns(state);
  state.input.push(Array(c).fill('0'));
  state.targetGrid.push(Array.from({length: c}, (_, k) => (k === 0 ? '1' : '0')));
  state.upstream.push(Array(c).fill('0'));
  state.classes.push(0);
}

export function removeRow(state, r) {
  if (rows(state) <= 1) return;
  for (const grid of [state.input, state.targetGrid, state.upstream, state.classes]) grid.splice(r, 1);
}

export function addColumn(state) {
  for (const row of state.input) row.push('0');
  for (const row of state.targetGrid) row.push('0');
  for (const row of state.upstream) row.push('0');
  state.weight.push('1');
  state.posWeight.push('1');
}

export function removeColumn(state, c) {
  if (columns(state) <= 1) return;
  for (const grid of [state.input, state.targetGrid, state.upstream])
    for (const row of grid) row.splice(c, 1);
  state.weight.splice(c, 1);
  state.posWeight.splice(c, 1);
  state.classes = state.classes.map((t) => (t === 'ignore' || t < c ? t : t === c ? 0 : t - 1));
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const LOOSE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The JSON text for one typed number. A number keeps its digits exactly (the service and Python
 * read the same decimal, so they get the same double); "+1", ".5" and "5." are written as JSON
 * numbers; NaN and the infinities go as the bare tokens the service refuses by position; anything
 * else goes as a JSON string, which the service refuses naming the cell. The service judges what
 * is valid, so the page shows its words.
 */
export function numberText(typed) {
  const t = String(typed).trim();
  if (JSON_NUMBER.test(t)) return t;
  if (LOOSE_NUMBER.test(t)) {
    return t
      .replace(/^\+/, '')
      .replace(/^(-?)\./, '$10.')
      .replace(/\.(?=$|[eE])/, '.0')
      .replace(/^(-?)0+(?=\d)/, '$1');
  }
  if (/^[+-]?(NaN|Infinity|inf)$/i.test(t)) {
    return (t.startsWith('-') ? '-' : '') + (/nan/i.test(t) ? 'NaN' : 'Infinity');
  }
  return JSON.stringify(String(typed));
}

export function isNumber(typed) {
  return JSON_NUMBER.test(numberText(typed));
}

function vector(texts) {
  return '[' + texts.map(numberText).join(', ') + ']';
}

function matrix(grid, indent) {
  const pad = ' '.repeat(indent + 1);
  return '[' + grid.map(vector).join(',\n' + pad) + ']';
}

function classValue(state, t) {
  return t === 'ignore' ? numberText(state.ignoreIndex) : String(t);
}

/**
 * The request for the state: {endpoint, path, url, fields (name -> JSON text, in order), body}.
 * Options at their PyTorch defaults are left out, so the request reads like the call a person
 * would write.
 */
export function request(state) {
  const endpoint = ENDPOINTS[state.endpoint];
  const kind = targetKind(state);
  const fields = [];
  const add = (name, text) => fields.push([name, text]);
  const key = (name) => '  "' + name + '": ';
  add(endpoint.input, matrix(state.input, key(endpoint.input).length));
  if (kind === 'classes') {
    add(
      targetField(state.endpoint, kind),
      '[' + state.classes.map((t) => classValue(state, t)).join(', ') + ']',
    );
  } else if (kind === 'grid') {
    const name = targetField(state.endpoint, kind);
    add(name, matrix(state.targetGrid, key(name).length));
  }
  const has = (option) => endpoint.options.includes(option);
  if (has('weight') && state.weightOn) add('weight', vector(state.weight));
  if (has('posWeight') && state.posWeightOn) add('posWeight', vector(state.posWeight));
  if (usesIgnoreIndex(state) && state.ignoreIndex.trim() !== '-100')
    add('ignoreIndex', numberText(state.ignoreIndex));
  if (has('labelSmoothing') && !isZero(state.labelSmoothing))
    add('labelSmoothing', numberText(state.labelSmoothing));
  if (has('reduction') && state.reduction !== 'mean') add('reduction', JSON.stringify(state.reduction));
  if (has('temperature') && state.temperature.trim() !== '1')
    add('temperature', numberText(state.temperature));
  if (has('upstreamGradient') && state.upstreamOn)
    add('upstreamGradient', matrix(state.upstream, key('upstreamGradient').length));
  const body = '{\n' + fields.map(([name, text]) => key(name) + text).join(',\n') + '\n}';
  return {endpoint: state.endpoint, path: endpoint.path, url: endpoint.path + '?explain=true', fields, body};
}

function isZero(typed) {
  const t = numberText(typed);
  return JSON_NUMBER.test(t) && Number(t) === 0;
}

/** The typed number's value, or NaN when it is not a number. */
export function value(typed) {
  const t = numberText(typed);
  return JSON_NUMBER.test(t) ? Number(t) : NaN;
}

const KINDS = {logits: 'logits', logProbabilities: 'logProbabilities', probabilities: 'probabilities'};

function rounded(x) {
  return Number.isFinite(x) ? String(Number(x.toFixed(4))) : '0';
}

/**
 * Switches the endpoint. The input keeps its numbers when the new endpoint reads the same kind;
 * otherwise it is converted the way the tutorial relates them (log_softmax of logits for NLL,
 * sigmoid of logits for BCE on probabilities, rounded to 4 decimals), and the returned note says so.
 */
export function switchEndpoint(state, next) {
  const from = KINDS[ENDPOINTS[state.endpoint].input];
  const to = KINDS[ENDPOINTS[next].input];
  let note = null;
  if (from !== to) {
    const numbers = state.input.map((row) => row.map(value));
    if (to === 'logProbabilities') {
      const source = from === 'probabilities' ? numbers.map((row) => row.map((p) => Math.log(p))) : numbers;
      state.input = source.map((row) => logSoftmax(row).map(rounded));
      note =
        from === 'probabilities'
          ? 'The probabilities became log-probabilities: log_softmax(log(p)), rounded to 4 decimals.'
          : 'The logits became log-probabilities: log_softmax(logits), rounded to 4 decimals.';
    } else if (to === 'probabilities' && from === 'logProbabilities') {
      state.input = numbers.map((row) => row.map((x) => rounded(Math.exp(x))));
      note = 'The log-probabilities became probabilities: exp(logProbabilities), rounded to 4 decimals.';
    } else if (to === 'probabilities') {
      state.input = numbers.map((row) => row.map((x) => rounded(1 / (1 + Math.exp(-x)))));
      note = 'The logits became probabilities: sigmoid(logits), rounded to 4 decimals.';
    } else {
      if (from === 'probabilities') {
        state.input = numbers.map((row) => row.map((p) => rounded(Math.log(p / (1 - p)))));
        note = 'The probabilities became logits: log(p / (1 - p)), rounded to 4 decimals.';
      } else {
        note = 'Log-probabilities are logits too: the numbers stay as they are.';
      }
    }
  }
  const before = targetKind(state);
  state.endpoint = next;
  const offered = ENDPOINTS[next].targets;
  if (offered.length > 0 && before !== null) {
    const wanted = offered.includes(before) ? before : offered[0];
    setTargetKind(state, wanted, before);
    if (wanted === 'classes' && !usesIgnoreIndex(state)) {
      state.classes = state.classes.map((t) => (t === 'ignore' ? 0 : t));
    }
  }
  return note;
}

function logSoftmax(row) {
  const max = Math.max(...row);
  const sum = row.reduce((acc, x) => acc + Math.exp(x - max), 0);
  return row.map((x) => x - max - Math.log(sum));
}
