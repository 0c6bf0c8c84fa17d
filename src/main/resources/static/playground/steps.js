// Explain mode: the service's steps ({name, formula, numpy, value}, in order), each drawn as a
// small table. Hovering a cell marks the same index in every other step (highlight.js).

import {h, short, exact} from './dom.js';

const MAX_CELLS = 2000;

function shapeOf(value) {
  const shape = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

function cell(value, ix, shape) {
  return h(
    'td',
    {
      class: typeof value === 'number' && value < 0 ? 'neg' : null,
      title: '[' + ix.join(', ') + '] = ' + exact(value),
      dataset: {ix: ix.join(','), shape: shape.join(',')},
    },
    short(value),
  );
}

function table(value, shape, prefix) {
  const rank = shape.length - prefix.length;
  if (rank === 1) {
    const row = h('tr', {});
    value.forEach((v, i) => row.append(cell(v, prefix.concat(i), shape)));
    const head = h(
      'tr',
      {},
      value.map((_, i) => h('th', {scope: 'col'}, String(i))),
    );
    return h('table', {class: 'tensor'}, h('thead', {}, head), h('tbody', {}, row));
  }
  const columns = value.length > 0 ? value[0].length : 0;
  const head = h(
    'tr',
    {},
    h('th', {}),
    Array.from({length: columns}, (_, k) => h('th', {scope: 'col'}, String(k))),
  );
  const body = value.map((row, r) =>
    h(
      'tr',
      {},
      h('th', {scope: 'row'}, String(r)),
      row.map((v, k) => cell(v, prefix.concat(r, k), shape)),
    ),
  );
  return h('table', {class: 'tensor'}, h('thead', {}, head), h('tbody', {}, body));
}

/** A value of any rank: a number; a row; a matrix; above rank 2, its matrices one by one. */
export function tensorView(value) {
  const shape = shapeOf(value);
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 0) {
    return h(
      'div',
      {class: 'scalar', title: exact(value)},
      typeof value === 'number' ? exact(value) : String(value),
    );
  }
  if (count === 0) return h('div', {class: 'scalar'}, 'empty, shape (' + shape.join(', ') + ')');
  if (count > MAX_CELLS)
    return h(
      'div',
      {class: 'scalar'},
      count + ' numbers, shape (' + shape.join(', ') + '): too many to draw',
    );
  if (shape.length <= 2) return table(value, shape, []);
  const slices = [];
  const walk = (v, prefix) => {
    if (shape.length - prefix.length === 2) {
      slices.push(
        h(
          'div',
          {class: 'slice'},
          h('div', {class: 'slice-label'}, '[' + prefix.concat(':', ':').join(', ') + ']'),
          table(v, shape, prefix),
        ),
      );
      return;
    }
    v.forEach((inner, i) => walk(inner, prefix.concat(i)));
  };
  walk(value, []);
  return h('div', {class: 'slices'}, slices);
}

/** Draws the steps, or says why there are none. */
export function renderSteps(container, steps) {
  if (!Array.isArray(steps) || steps.length === 0) {
    container.replaceChildren(
      h(
        'p',
        {class: 'steps-missing'},
        'This service did not send explain steps for this request (it answers ?explain=true with the ' +
          'plain result until explain mode is available). Everything above comes from the plain response.',
      ),
    );
    return;
  }
  const cards = steps.map((step, i) => {
    const shape = shapeOf(step.value);
    return h(
      'li',
      {class: 'step'},
      h(
        'div',
        {class: 'step-head'},
        h('span', {class: 'step-number', 'aria-hidden': 'true'}, String(i + 1)),
        h('h3', {}, h('code', {}, String(step.name))),
        h('span', {class: 'step-shape'}, shape.length ? '(' + shape.join(' \u00d7 ') + ')' : 'scalar'),
      ),
      step.formula ? h('p', {class: 'formula'}, String(step.formula)) : null,
      step.numpy
        ? h('pre', {class: 'numpy'}, h('code', {}, String(step.name) + ' = ' + String(step.numpy)))
        : null,
      h('div', {class: 'step-value'}, tensorView(step.value)),
    );
  });
  container.replaceChildren(h('ol', {class: 'steps-list'}, cards));
}
