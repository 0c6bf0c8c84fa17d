// The playground: keeps the inputs, asks the service on every edit (debounced, abortable, with a
// timeout), and draws what it answers.

import {h, exact, short} from './dom.js';
import {
  ENDPOINTS,
  addColumn,
  addRow,
  columns,
  initialState,
  removeColumn,
  removeRow,
  request,
  rows,
  setTargetKind,
  switchEndpoint,
  targetKind,
  usesIgnoreIndex,
  value,
} from './model.js';
import {renderInputs} from './grid.js';
import {barChart, heatmap, probabilityCharts} from './charts.js';
import {renderSteps} from './steps.js';
import {curl, pytorch} from './snippets.js';
import {follow, highlight, refresh} from './highlight.js';

const DEBOUNCE_MS = 250;
const TIMEOUT_MS = 10000;

const TARGET_LABELS = {
  'cross-entropy': {classes: 'class indices', grid: 'probabilities (soft targets)'},
  'bce-probabilities': {grid: 'a value per element', classes: 'class indices (one-hot)'},
  'bce-logits': {grid: 'a value per element', classes: 'class indices (one-hot)'},
  nll: {classes: 'class indices'},
};

const state = initialState();
let cells = new Map();
let timer = 0;
let inflight = null;
let sequence = 0;

const $ = (id) => document.getElementById(id);
const main = () => $('playground');

function setState(name, text) {
  main().dataset.state = name;
  $('status').textContent = text;
  $('status').dataset.state = name;
}

// ---------------------------------------------------------------------------------------------
// Drawing the inputs

function renderEndpointChoice() {
  const box = $('endpoint-choice');
  box.replaceChildren(
    ...Object.entries(ENDPOINTS).map(([key, endpoint]) => {
      const radio = h('input', {type: 'radio', name: 'endpoint', value: key, id: 'endpoint-' + key});
      radio.checked = key === state.endpoint;
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        const note = switchEndpoint(state, key);
        showNote(note);
        renderInputsAll();
        recompute(0);
      });
      return h('label', {class: 'seg', for: 'endpoint-' + key}, radio, h('span', {}, endpoint.label));
    }),
  );
}

function renderTargetKind() {
  const offered = ENDPOINTS[state.endpoint].targets;
  $('target-kind-box').hidden = offered.length < 2;
  const kind = targetKind(state);
  const labels = TARGET_LABELS[state.endpoint] || {};
  $('target-kind').replaceChildren(
    ...offered.map((option) => {
      const radio = h('input', {
        type: 'radio',
        name: 'target-kind',
        value: option,
        id: 'target-kind-' + option,
      });
      radio.checked = option === kind;
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        setTargetKind(state, option);
        renderInputsAll();
        recompute(0);
      });
      return h(
        'label',
        {class: 'seg', for: 'target-kind-' + option},
        radio,
        h('span', {}, labels[option] || option),
      );
    }),
  );
}

function syncOptions() {
  const endpoint = ENDPOINTS[state.endpoint];
  for (const el of document.querySelectorAll('[data-option]')) {
    const option = el.dataset.option;
    el.hidden = !endpoint.options.includes(option) || (option === 'ignoreIndex' && !usesIgnoreIndex(state));
  }
  $('reduction').value = state.reduction;
  $('ignoreIndex').value = state.ignoreIndex;
  $('labelSmoothing').value = state.labelSmoothing;
  $('labelSmoothing-range').value = String(value(state.labelSmoothing) || 0);
  $('temperature').value = state.temperature;
  $('temperature-range').value = String(value(state.temperature) || 1);
  $('weightOn').checked = state.weightOn;
  $('posWeightOn').checked = state.posWeightOn;
  $('upstreamOn').checked = state.upstreamOn;
  $('endpoint-path').textContent = 'POST ' + endpoint.path;
  $('endpoint-module').textContent =
    endpoint.module === 'softmax'
      ? 'torch.softmax, torch.log_softmax'
      : 'torch.' + endpoint.module + (state.endpoint === 'bce-logits' ? ', sent as logits' : '');
}

function renderInputsAll(focusPointer) {
  for (const radio of document.querySelectorAll('input[name="endpoint"]'))
    radio.checked = radio.value === state.endpoint;
  renderTargetKind();
  syncOptions();
  cells = renderInputs($('grids'), state, {
    edit: () => recompute(DEBOUNCE_MS),
    focus: (ix, shape) => highlight(ix, shape),
    addRow: () => {
      addRow(state);
      renderInputsAll('/' + ENDPOINTS[state.endpoint].input + '/' + (rows(state) - 1) + '/0');
      recompute(0);
    },
    addColumn: () => {
      addColumn(state);
      renderInputsAll('/' + ENDPOINTS[state.endpoint].input + '/0/' + (columns(state) - 1));
      recompute(0);
    },
    removeRow: (r) => {
      removeRow(state, r);
      renderInputsAll();
      recompute(0);
    },
    removeColumn: (c) => {
      removeColumn(state, c);
      renderInputsAll();
      recompute(0);
    },
  });
  for (const el of document.querySelectorAll('.option [data-pointer]')) {
    cells.set(el.dataset.pointer, {
      control: el,
      cell: el.closest('.option'),
      message: el.closest('.option').querySelector('.cell-message'),
    });
  }
  cells.set('/reduction', {control: $('reduction'), cell: $('reduction').closest('.option'), message: null});
  if (focusPointer && cells.has(focusPointer)) cells.get(focusPointer).control.focus();
  updateCode();
}

function showNote(text) {
  const note = $('convert-note');
  note.hidden = !text;
  note.textContent = text || '';
}

function bindOptions() {
  const text = (id, key, range) => {
    $(id).addEventListener('input', () => {
      state[key] = $(id).value;
      if (range && Number.isFinite(value(state[key]))) $(range).value = String(value(state[key]));
      recompute(DEBOUNCE_MS);
    });
    if (range) {
      $(range).addEventListener('input', () => {
        state[key] = $(range).value;
        $(id).value = state[key];
        recompute(DEBOUNCE_MS);
      });
    }
  };
  text('ignoreIndex', 'ignoreIndex');
  text('labelSmoothing', 'labelSmoothing', 'labelSmoothing-range');
  text('temperature', 'temperature', 'temperature-range');
  $('reduction').addEventListener('change', () => {
    state.reduction = $('reduction').value;
    recompute(0);
  });
  for (const [id, key] of [
    ['weightOn', 'weightOn'],
    ['posWeightOn', 'posWeightOn'],
    ['upstreamOn', 'upstreamOn'],
  ]) {
    $(id).addEventListener('change', () => {
      state[key] = $(id).checked;
      renderInputsAll();
      recompute(0);
    });
  }
  $('reset').addEventListener('click', () => {
    Object.assign(state, initialState());
    showNote(null);
    renderInputsAll();
    recompute(0);
  });
  for (const [button, pre, label] of [
    ['copy-pytorch', 'pytorch', 'Copy as PyTorch'],
    ['copy-curl', 'curl', 'Copy as curl'],
  ]) {
    $(button).addEventListener('click', () => copy($(pre), $(button), label));
  }
}

// ---------------------------------------------------------------------------------------------
// Asking the service

function updateCode() {
  const req = request(state);
  $('pytorch').firstElementChild.textContent = pytorch(state);
  $('curl').firstElementChild.textContent = curl(req, window.location.origin);
  return req;
}

/** Recomputes after delay ms of quiet; an edit during the wait starts the wait again. */
function recompute(delay) {
  updateCode();
  clearTimeout(timer);
  // An answer to anything asked before this edit is out of date: drop it.
  sequence++;
  if (inflight) inflight.abort();
  setState('pending', 'Recomputing…');
  main().classList.add('busy');
  timer = setTimeout(ask, delay);
}

async function ask() {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  const mine = ++sequence;
  let timedOut = false;
  const watchdog = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const req = updateCode();
  const snapshot = structuredClone(state);
  const started = performance.now();
  try {
    let {status, json} = await post(req.url, req.body, controller.signal);
    if (status === 400 && mentionsExplain(json)) {
      // Too large to explain: the plain answer still has every picture but the steps.
      ({status, json} = await post(req.path, req.body, controller.signal));
      if (json && status === 200) json.stepsRefused = true;
    }
    if (mine !== sequence) return;
    const took = Math.round(performance.now() - started);
    if (status === 200 && json) {
      showResult(snapshot, json, took);
    } else {
      showProblem(status, json);
    }
  } catch (error) {
    if (mine !== sequence) return;
    showFailure(
      timedOut
        ? 'The service did not answer within ' +
            TIMEOUT_MS / 1000 +
            ' s. The last result stays on screen; edit to try again.'
        : 'Could not reach the service (' +
            (error && error.message ? error.message : 'network error') +
            '). The last result stays on screen; edit to try again.',
    );
  } finally {
    clearTimeout(watchdog);
    if (mine === sequence) {
      inflight = null;
      main().classList.remove('busy');
    }
  }
}

async function post(url, body, signal) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json, application/problem+json'},
    body,
    signal,
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return {status: response.status, json};
}

function mentionsExplain(problem) {
  return problem !== null && /explain/i.test(JSON.stringify(problem));
}

// ---------------------------------------------------------------------------------------------
// Drawing the answer

function clearMarks() {
  for (const {control, cell, message} of cells.values()) {
    cell.classList.remove('invalid', 'warned');
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
    if (message) {
      message.hidden = true;
      message.textContent = '';
    }
  }
  $('problems').hidden = true;
  $('warnings').hidden = true;
}

function mark(list, kind) {
  const unplaced = [];
  for (const entry of list || []) {
    const place = cells.get(entry.pointer);
    if (!place) {
      unplaced.push(entry);
      continue;
    }
    place.cell.classList.add(kind === 'error' ? 'invalid' : 'warned');
    if (kind === 'error') place.control.setAttribute('aria-invalid', 'true');
    if (place.message) {
      place.message.hidden = false;
      place.message.textContent = place.message.textContent
        ? place.message.textContent + '; ' + entry.detail
        : entry.detail;
      if (!place.message.id) place.message.id = 'msg-' + kind + entry.pointer.replace(/\//g, '-');
      place.control.setAttribute('aria-describedby', place.message.id);
    }
  }
  return unplaced;
}

function problemList(entries) {
  return h(
    'ul',
    {},
    entries.map((e) => h('li', {}, h('code', {}, e.pointer || '(request)'), ' ', e.detail)),
  );
}

function showProblem(status, problem) {
  clearMarks();
  main().classList.add('stale');
  const errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  mark(errors, 'error');
  const box = $('problems');
  box.hidden = false;
  const title = problem && problem.title ? problem.title : 'HTTP ' + status;
  const detail = problem && problem.detail ? problem.detail : 'The service answered ' + status + '.';
  box.replaceChildren(
    h('p', {class: 'problem-title'}, h('strong', {}, title + ' (' + status + ')'), ' ', detail),
    errors.length ? problemList(errors) : null,
    h('p', {class: 'problem-foot'}, 'The pictures below show the last valid input.'),
  );
  setState('invalid', errors.length ? 'Fix the marked ' + (errors.length === 1 ? 'cell' : 'cells') : title);
}

function showFailure(text) {
  main().classList.add('stale');
  const box = $('problems');
  box.hidden = false;
  box.replaceChildren(h('p', {class: 'problem-title'}, h('strong', {}, 'No answer. '), text));
  setState('failed', 'No answer from the service');
}

function argmax(row) {
  let best = 0;
  row.forEach((x, k) => {
    if (x > row[best]) best = k;
  });
  return best;
}

function showResult(snap, json, took) {
  clearMarks();
  main().classList.remove('stale');
  const unplaced = mark(json.warnings, 'warning');
  if (Array.isArray(json.warnings) && json.warnings.length) {
    $('warnings').hidden = false;
    $('warnings').replaceChildren(
      h('p', {}, h('strong', {}, 'PyTorch accepts this, but: ')),
      problemList(json.warnings),
    );
  }
  void unplaced;
  const isSoftmax = snap.endpoint === 'softmax';
  const kind = targetKind(snap);
  const numbers = snap.input.map((row) => row.map(value));
  const targetGrid = kind === 'grid' ? snap.targetGrid.map((row) => row.map(value)) : null;

  // Headline
  if (isSoftmax) {
    $('headline-label').textContent = 'predicted class of each sample';
    $('loss').textContent = '[' + json.predictedClass.join(', ') + ']';
    $('loss-detail').textContent =
      'softmax(logits' +
      (value(snap.temperature) === 1 ? '' : ' / ' + snap.temperature) +
      ') over each row; the log-sum-exp of each row is drawn below.';
  } else {
    $('headline-label').textContent =
      'loss' + (snap.endpoint.startsWith('bce') ? ' (' + json.mode + ' mode)' : '');
    $('loss').textContent = exact(json.loss);
    const parts = [];
    if (json.loss === null) {
      parts.push(json.lossUndefinedReason || 'no single loss');
    }
    if (json.reduction === 'mean') {
      parts.push('lossSum ' + exact(json.lossSum) + ' \u00f7 denominator ' + exact(json.denominator));
    } else if (json.reduction === 'sum') {
      parts.push('the sum of the per-sample losses (reduction sum)');
    } else if (json.loss !== null) {
      parts.push('lossSum ' + exact(json.lossSum));
    } else {
      parts.push('lossSum ' + exact(json.lossSum));
    }
    $('loss-detail').textContent = parts.join(' \u00b7 ');
  }

  // Bars
  if (isSoftmax) {
    $('bars-title').textContent = 'Log-sum-exp of each sample (of logits / temperature)';
    $('bars').replaceChildren(
      barChart(
        json.logSumExp.map((v, n) => ({label: 'sample ' + n, value: v})),
        'log-sum-exp of each sample',
      ),
    );
  } else {
    $('bars-title').textContent =
      'Loss of each sample' +
      (snap.endpoint.startsWith('bce') ? ' (the sum of its elements\u2019 losses)' : '');
    $('bars').replaceChildren(
      barChart(
        json.samples.map((sample, n) => ({
          label: 'sample ' + n,
          value: sample.loss,
          muted: sample.ignored === true,
          note: sample.ignored ? short(sample.loss, 6) + '  (ignored)' : null,
        })),
        'loss of each sample',
      ),
    );
  }

  // Probabilities
  let charts;
  let title;
  let legend;
  if (isSoftmax) {
    title = 'Softmax probabilities of each sample';
    legend = 'P predicted class (argmax)';
    charts = json.probabilities.map((values, n) => ({
      title: 'sample ' + n,
      values,
      predicted: new Set([json.predictedClass[n]]),
    }));
  } else if (snap.endpoint.startsWith('bce')) {
    title =
      snap.endpoint === 'bce-logits'
        ? 'Sigmoid of each logit, \u03c3(x)'
        : 'Probabilities of each element (the input)';
    legend =
      'P predicted positive (\u2265 0.5) \u00b7 ' +
      (kind === 'grid' ? '\u25b8 target value' : 'T target class');
    charts = json.samples.map((sample, n) => {
      const values = snap.endpoint === 'bce-logits' ? sample.probabilities : numbers[n];
      return {
        title: 'sample ' + n,
        subtitle: 'loss ' + short(sample.loss),
        values,
        targetClass: kind === 'classes' ? snap.classes[n] : null,
        targetValues: targetGrid ? targetGrid[n] : null,
        predicted: new Set(values.map((p, k) => (p >= 0.5 ? k : -1)).filter((k) => k >= 0)),
      };
    });
  } else {
    const nll = snap.endpoint === 'nll';
    title = nll
      ? 'Probabilities of each sample, exp(logProbabilities)'
      : 'Softmax probabilities of each sample';
    legend =
      'P predicted class (argmax) \u00b7 ' +
      (kind === 'grid' ? '\u25b8 target probability' : 'T target class');
    charts = json.samples.map((sample, n) => {
      const values = nll ? numbers[n].map(Math.exp) : sample.probabilities;
      return {
        title: 'sample ' + n,
        subtitle: sample.ignored ? 'ignored' : 'loss ' + short(sample.loss),
        values,
        targetClass: kind === 'classes' && !sample.ignored ? sample.target : null,
        targetValues: targetGrid ? targetGrid[n] : null,
        predicted: new Set([nll ? argmax(numbers[n]) : sample.predictedClass]),
      };
    });
  }
  $('probs-title').textContent = title;
  $('probs-legend').textContent = legend;
  const yMax = Math.max(
    1,
    ...charts.flatMap((c) => c.values.concat(c.targetValues || [])).filter(Number.isFinite),
  );
  $('probs').replaceChildren(probabilityCharts(charts, yMax));

  // Gradient
  const input = ENDPOINTS[snap.endpoint].input;
  if (Array.isArray(json.gradient)) {
    $('heat-title').textContent = isSoftmax
      ? 'Gradient: the vector-Jacobian product in logits.grad (blue negative, white zero, red positive)'
      : 'Gradient \u2202loss/\u2202' +
        input +
        ': what ' +
        input +
        '.grad holds after backward() (blue negative, white zero, red positive)';
    $('heat').replaceChildren(heatmap(json.gradient, 'gradient'));
  } else {
    $('heat-title').textContent = 'Gradient';
    const enable = h('button', {type: 'button', class: 'quiet'}, 'Send an upstreamGradient');
    enable.addEventListener('click', () => {
      state.upstreamOn = true;
      renderInputsAll();
      recompute(0);
    });
    $('heat').replaceChildren(
      h('p', {class: 'hint'}, 'Softmax has a gradient only for a given upstream gradient. ', enable),
    );
  }

  renderSteps($('steps'), json.steps);
  if (json.stepsRefused) {
    $('steps').prepend(
      h(
        'p',
        {class: 'steps-missing'},
        'The service would not explain an input this large; the pictures above are the plain answer.',
      ),
    );
  }
  refresh();
  setState('ready', 'Up to date \u00b7 ' + took + ' ms');
}

// ---------------------------------------------------------------------------------------------
// Copying

async function copy(pre, button, label) {
  const text = pre.textContent;
  let done = false;
  try {
    await navigator.clipboard.writeText(text);
    done = true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(pre);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    done = document.execCommand && document.execCommand('copy');
  }
  button.textContent = done ? 'Copied \u2713' : 'Selected: press Ctrl+C';
  button.classList.toggle('done', done);
  setTimeout(() => {
    button.textContent = label;
    button.classList.remove('done');
  }, 1600);
}

// ---------------------------------------------------------------------------------------------

function start() {
  renderEndpointChoice();
  bindOptions();
  renderInputsAll();
  follow(main());
  recompute(0);
}

start();
