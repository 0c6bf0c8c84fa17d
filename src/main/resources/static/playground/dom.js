// Small DOM helpers. Everything is built with createElement and attributes, never from HTML text
// and never with a style attribute, so the page runs under a Content-Security-Policy without
// 'unsafe-inline': a style attribute would be refused by the browser, so it is refused here first.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'style') throw new Error('style attributes are blocked by the page policy; use a class');
    if (key === 'text') {
      el.textContent = String(value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  return el;
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('td', {class: 'x'}, child, 'text', ...). */
export function h(tag, attrs, ...children) {
  return appendAll(apply(document.createElement(tag), attrs), children);
}

/** An SVG element, same call shape as h. */
export function s(tag, attrs, ...children) {
  return appendAll(apply(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Rounds for display: 4 significant digits, no trailing zeros. The full value goes in a title. */
export function short(x, digits = 4) {
  if (x === null || x === undefined) return '\u2014';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const text = String(Number(x.toPrecision(digits)));
  return text.replace('e-', 'e\u2212').replace(/^-/, '\u2212');
}

/** Like short, with an explicit sign, so a sign is readable without the heat map's colours. */
export function signed(x, digits = 3) {
  if (x === 0) return '0';
  const text = short(x, digits);
  return x > 0 ? '+' + text : text;
}

/** The exact value, as JavaScript prints a double: the shortest text that reads back the same. */
export function exact(x) {
  return x === null || x === undefined ? '\u2014' : String(x);
}
