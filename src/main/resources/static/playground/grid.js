// The editable inputs: one table per tensor, a text field per number, arrow keys between cells.

import {h} from './dom.js';
import {ENDPOINTS, columns, rows, targetField, targetKind, usesIgnoreIndex} from './model.js';

const DESCRIPTIONS = {
  logits: 'raw scores, one row per sample, one column per class',
  logProbabilities: 'log-probabilities (for example log_softmax of logits)',
  probabilities: 'probabilities in [0, 1], one per element',
  targetProbabilities: 'the target distribution of each sample (soft targets)',
  target: 'the target of each element, in [0, 1]',
  upstreamGradient: 'the gradient flowing into the probabilities (what probabilities.backward() is given)',
};

/**
 * Draws the inputs for the state into container. Returns the cells by JSON Pointer (as the
 * service names them in errors[].pointer): pointer -> {control, cell, message}.
 */
export function renderInputs(container, state, on) {
  const cells = new Map();
  const endpoint = ENDPOINTS[state.endpoint];
  const kind = targetKind(state);
  const n = rows(state);
  const c = columns(state);
  const tables = [];

  const field = (pointer, label, get, set, r, col, shape, ix) => {
    const message = h('span', {class: 'cell-message', id: 'msg' + pointer.replace(/\//g, '-'), hidden: true});
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      value: get(),
      'aria-label': label,
      dataset: {r: String(r), c: String(col), pointer},
    });
    input.value = get();
    input.addEventListener('input', () => {
      set(input.value);
      on.edit();
    });
    input.addEventListener('focus', () => {
      input.select();
      on.focus(ix, shape);
    });
    input.addEventListener('blur', () => on.focus(null));
    const cell = h('td', {class: 'num', dataset: {ix: ix.join(','), shape: shape.join(',')}}, input, message);
    cells.set(pointer, {control: input, cell, message});
    return cell;
  };

  const removeButton = (label, action) =>
    h(
      'button',
      {type: 'button', class: 'icon remove', 'aria-label': label, title: label, onclick: action},
      '\u00d7',
    );

  // The input tensor, with per-class rows (weight, posWeight) and the class pickers beside it.
  const name = endpoint.input;
  const classTargets = kind === 'classes';
  const head = h('tr', {}, h('th', {scope: 'col', class: 'corner'}, h('span', {class: 'sr-only'}, 'sample')));
  for (let k = 0; k < c; k++) {
    head.append(
      h(
        'th',
        {scope: 'col', class: 'class-head'},
        h('span', {}, 'class ' + k),
        c > 1 ? removeButton('Remove class ' + k, () => on.removeColumn(k)) : null,
      ),
    );
  }
  head.append(
    h(
      'th',
      {class: 'add-col'},
      h(
        'button',
        {
          type: 'button',
          class: 'icon add',
          'aria-label': 'Add a class',
          title: 'Add a class',
          onclick: on.addColumn,
        },
        '+',
      ),
    ),
  );
  if (classTargets) {
    const targetName = targetField(state.endpoint, kind);
    head.append(h('th', {scope: 'col', class: 'target-head'}, targetName));
  }
  const body = [];
  for (let r = 0; r < n; r++) {
    const tr = h(
      'tr',
      {},
      h(
        'th',
        {scope: 'row', class: 'row-head'},
        h('span', {}, 'sample ' + r),
        n > 1 ? removeButton('Remove sample ' + r, () => on.removeRow(r)) : null,
      ),
    );
    for (let k = 0; k < c; k++) {
      tr.append(
        field(
          '/' + name + '/' + r + '/' + k,
          name + ', sample ' + r + ', class ' + k,
          () => state.input[r][k],
          (v) => {
            state.input[r][k] = v;
          },
          r,
          k,
          [n, c],
          [r, k],
        ),
      );
    }
    tr.append(h('td', {class: 'add-col'}));
    if (classTargets) tr.append(classPicker(state, r, c, on, cells));
    body.push(tr);
  }
  const perClass = [];
  if (endpoint.options.includes('weight') && state.weightOn) perClass.push(['weight', state.weight]);
  if (endpoint.options.includes('posWeight') && state.posWeightOn)
    perClass.push(['posWeight', state.posWeight]);
  perClass.forEach(([option, values], i) => {
    const r = n + i;
    const tr = h('tr', {class: 'per-class'}, h('th', {scope: 'row', class: 'row-head'}, option));
    for (let k = 0; k < c; k++) {
      tr.append(
        field(
          '/' + option + '/' + k,
          option + ', class ' + k,
          () => values[k],
          (v) => {
            values[k] = v;
          },
          r,
          k,
          [c],
          [k],
        ),
      );
    }
    body.push(tr);
  });
  tables.push(
    tensorTable(
      name,
      DESCRIPTIONS[name],
      head,
      body,
      h('button', {type: 'button', class: 'add-row', onclick: on.addRow}, '+ sample'),
    ),
  );

  if (kind === 'grid') {
    const gridName = targetField(state.endpoint, kind);
    tables.push(plainGrid(gridName, state.targetGrid, n, c, field));
  }
  if (endpoint.options.includes('upstreamGradient') && state.upstreamOn) {
    tables.push(plainGrid('upstreamGradient', state.upstream, n, c, field));
  }

  container.replaceChildren(...tables);
  for (const table of container.querySelectorAll('table')) table.addEventListener('keydown', navigate);
  return cells;
}

function classPicker(state, r, c, on, cells) {
  const name = targetField(state.endpoint, 'classes');
  const pointer = '/' + name + '/' + r;
  const select = h('select', {
    'aria-label': name + ' of sample ' + r,
    dataset: {r: String(r), c: String(c), pointer},
  });
  for (let k = 0; k < c; k++) select.append(h('option', {value: String(k)}, String(k)));
  if (usesIgnoreIndex(state)) select.append(h('option', {value: 'ignore'}, 'ignore'));
  const current = state.classes[r] === 'ignore' && !usesIgnoreIndex(state) ? 0 : state.classes[r];
  select.value = String(current >= c ? 0 : current);
  state.classes[r] = select.value === 'ignore' ? 'ignore' : Number(select.value);
  select.addEventListener('change', () => {
    state.classes[r] = select.value === 'ignore' ? 'ignore' : Number(select.value);
    on.edit();
  });
  const message = h('span', {class: 'cell-message', id: 'msg' + pointer.replace(/\//g, '-'), hidden: true});
  const cell = h('td', {class: 'target-cell'}, select, message);
  cells.set(pointer, {control: select, cell, message});
  return cell;
}

function plainGrid(name, grid, n, c, field) {
  const head = h('tr', {}, h('th', {scope: 'col', class: 'corner'}, h('span', {class: 'sr-only'}, 'sample')));
  for (let k = 0; k < c; k++)
    head.append(h('th', {scope: 'col', class: 'class-head'}, h('span', {}, 'class ' + k)));
  const body = [];
  for (let r = 0; r < n; r++) {
    const tr = h('tr', {}, h('th', {scope: 'row', class: 'row-head'}, h('span', {}, 'sample ' + r)));
    for (let k = 0; k < c; k++) {
      tr.append(
        field(
          '/' + name + '/' + r + '/' + k,
          name + ', sample ' + r + ', class ' + k,
          () => grid[r][k],
          (v) => {
            grid[r][k] = v;
          },
          r,
          k,
          [n, c],
          [r, k],
        ),
      );
    }
    body.push(tr);
  }
  return tensorTable(name, DESCRIPTIONS[name], head, body, null);
}

function tensorTable(name, description, head, body, footer) {
  return h(
    'div',
    {class: 'grid-wrap'},
    h(
      'table',
      {class: 'grid'},
      h(
        'caption',
        {},
        h('code', {}, name),
        description ? h('span', {class: 'caption-note'}, ' \u2014 ' + description) : null,
      ),
      h('thead', {}, head),
      h('tbody', {}, body),
    ),
    footer ? h('div', {class: 'grid-actions'}, footer) : null,
  );
}

/**
 * Arrow keys move between cells as in a spreadsheet: up and down always, left and right once the
 * caret is at the edge of the text (or all of it is selected, as after moving in); Enter moves down.
 */
function navigate(event) {
  const el = event.target;
  if (!el.dataset || el.dataset.r === undefined) return;
  const isSelect = el.tagName === 'SELECT';
  const r = Number(el.dataset.r);
  const c = Number(el.dataset.c);
  let dr = 0;
  let dc = 0;
  const len = isSelect ? 0 : el.value.length;
  const all = !isSelect && el.selectionStart === 0 && el.selectionEnd === len;
  switch (event.key) {
    case 'ArrowUp':
      if (isSelect) return;
      dr = -1;
      break;
    case 'ArrowDown':
      if (isSelect) return;
      dr = 1;
      break;
    case 'Enter':
      dr = event.shiftKey ? -1 : 1;
      break;
    case 'ArrowLeft':
      if (!isSelect && !all && !(el.selectionStart === 0 && el.selectionEnd === 0)) return;
      dc = -1;
      break;
    case 'ArrowRight':
      if (!isSelect && !all && !(el.selectionStart === len && el.selectionEnd === len)) return;
      dc = 1;
      break;
    default:
      return;
  }
  const table = el.closest('table');
  const next = table.querySelector('[data-r="' + (r + dr) + '"][data-c="' + (c + dc) + '"]');
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
