// One index pointed at (by a hover or a focused cell) is marked in every tensor drawn on the page:
// the same cell where the shapes agree; where one shape is the other's leading dimensions
// (per-sample values beside a matrix), the cells that agree on those; failing that, where one is
// the other's trailing dimensions (per-class weights, a stack of matrices), the cells that agree
// on those.

function parse(text) {
  return text === '' ? [] : text.split(',').map(Number);
}

function same(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function correspond(ix, shape, cellIx, cellShape) {
  if (shape.length === 0 || cellShape.length === 0) return false;
  if (same(shape, cellShape)) return same(ix, cellIx);
  if (cellShape.length < shape.length && same(cellShape, shape.slice(0, cellShape.length))) {
    return same(cellIx, ix.slice(0, cellShape.length));
  }
  if (shape.length < cellShape.length && same(shape, cellShape.slice(0, shape.length))) {
    return same(ix, cellIx.slice(0, shape.length));
  }
  if (cellShape.length < shape.length && same(cellShape, shape.slice(shape.length - cellShape.length))) {
    return same(cellIx, ix.slice(shape.length - cellShape.length));
  }
  if (shape.length < cellShape.length && same(shape, cellShape.slice(cellShape.length - shape.length))) {
    return same(ix, cellIx.slice(cellShape.length - shape.length));
  }
  return false;
}

let current = null;

/** Marks the cells that correspond to index ix of a tensor of the given shape; null clears. */
export function highlight(ix, shape) {
  current = ix ? {ix, shape} : null;
  refresh();
}

/** Marks again after a redraw. */
export function refresh() {
  for (const el of document.querySelectorAll('.hl')) el.classList.remove('hl');
  if (!current) return;
  for (const el of document.querySelectorAll('[data-ix]')) {
    if (correspond(current.ix, current.shape, parse(el.dataset.ix), parse(el.dataset.shape || ''))) {
      el.classList.add('hl');
    }
  }
}

/** Hovering any [data-ix] element inside root highlights its index everywhere. */
export function follow(root) {
  root.addEventListener('mouseover', (event) => {
    const cell = event.target.closest('[data-ix]');
    if (cell) highlight(parse(cell.dataset.ix), parse(cell.dataset.shape || ''));
  });
  root.addEventListener('mouseleave', () => highlight(null));
}
