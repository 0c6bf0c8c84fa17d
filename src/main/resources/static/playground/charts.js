// The pictures, drawn as inline SVG: per-sample loss bars, per-sample probability bars and the
// gradient as a signed heat map. Every mark carries its number as text, so nothing depends on
// telling colours apart.

import {h, s, short, signed, exact} from './dom.js';

const WIDTH = 640;

/**
 * Horizontal bars, one per sample: bars = [{label, value, note, muted}]. Negative values grow to
 * the left of a zero line.
 */
export function barChart(bars, title) {
  const rowH = 30;
  const labelW = 96;
  const valueW = 170;
  const area = WIDTH - labelW - valueW;
  const values = bars.map((b) => (typeof b.value === 'number' ? b.value : 0));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const x = (v) => labelW + ((v - lo) / span) * area;
  const height = bars.length * rowH + 8;
  const svg = s('svg', {
    viewBox: '0 0 ' + WIDTH + ' ' + height,
    class: 'chart bars',
    role: 'img',
    'aria-label': title,
  });
  svg.append(s('title', {}, title));
  bars.forEach((bar, i) => {
    const y = 4 + i * rowH;
    const v = typeof bar.value === 'number' ? bar.value : 0;
    const x0 = x(Math.min(0, v));
    const w = Math.max(Math.abs(x(v) - x(0)), bar.value === 0 ? 0 : 1.5);
    const g = s('g', {
      class: 'bar' + (bar.muted ? ' muted' : ''),
      dataset: {ix: String(i), shape: String(bars.length)},
    });
    g.append(
      s('title', {}, bar.label + ': ' + exact(bar.value)),
      s('rect', {class: 'track', x: labelW, y: y + 3, width: area, height: rowH - 8, rx: 4}),
      s('rect', {class: 'fill', x: x0, y: y + 3, width: w, height: rowH - 8, rx: 4}),
      s(
        'text',
        {
          class: 'label',
          x: labelW - 10,
          y: y + rowH / 2 + 1,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
        },
        bar.label,
      ),
      s(
        'text',
        {class: 'value', x: labelW + area + 10, y: y + rowH / 2 + 1, 'dominant-baseline': 'middle'},
        bar.note ? bar.note : short(bar.value, 6),
      ),
    );
    svg.append(g);
  });
  if (lo < 0) {
    svg.append(s('line', {class: 'zero', x1: x(0), x2: x(0), y1: 2, y2: height - 2}));
  }
  return svg;
}

/**
 * One small bar chart per sample: sample = {title, subtitle, values, targetClass, targetValues,
 * predicted: Set of classes}. A target class gets a "T" under its bar and an outline; a target
 * value (soft targets, BCE) is a tick across the bar at that height; a predicted class is filled
 * dark and gets a "P".
 */
export function probabilityCharts(samples, yMax = 1) {
  const figures = samples.map((sample, n) => {
    const c = sample.values.length;
    const w = 236;
    const top = 22;
    const plotH = 104;
    const left = 8;
    const gap = c > 8 ? 2 : 6;
    const barW = (w - 2 * left - gap * (c - 1)) / c;
    const y = (p) => top + plotH - Math.max(0, Math.min(1, p / yMax)) * plotH;
    const svg = s('svg', {
      viewBox: '0 0 ' + w + ' ' + (top + plotH + 42),
      class: 'chart probs',
      role: 'img',
      'aria-label':
        sample.title + ': ' + sample.values.map((p, k) => 'class ' + k + ' ' + short(p, 3)).join(', '),
    });
    svg.append(s('line', {class: 'axis', x1: left - 2, x2: w - left + 2, y1: top + plotH, y2: top + plotH}));
    sample.values.forEach((p, k) => {
      const bx = left + k * (barW + gap);
      const isTarget = sample.targetClass === k;
      const isPredicted = sample.predicted.has(k);
      const g = s('g', {
        class: 'pbar' + (isPredicted ? ' predicted' : '') + (isTarget ? ' target' : ''),
        dataset: {ix: n + ',' + k, shape: samples.length + ',' + c},
      });
      g.append(
        s(
          'title',
          {},
          'class ' +
            k +
            ': ' +
            exact(p) +
            (isTarget ? ' (target)' : '') +
            (isPredicted ? ' (predicted)' : ''),
        ),
        s('rect', {class: 'slot', x: bx, y: top, width: barW, height: plotH, rx: 3}),
        s('rect', {class: 'fill', x: bx, y: y(p), width: barW, height: top + plotH - y(p), rx: 3}),
      );
      if (barW >= 14) {
        g.append(
          s('text', {class: 'pvalue', x: bx + barW / 2, y: y(p) - 4, 'text-anchor': 'middle'}, pShort(p)),
        );
      }
      g.append(
        s(
          'text',
          {class: 'klass', x: bx + barW / 2, y: top + plotH + 14, 'text-anchor': 'middle'},
          String(k),
        ),
      );
      const marks = (isTarget ? 'T' : '') + (isPredicted ? 'P' : '');
      if (marks) {
        g.append(
          s('text', {class: 'marks', x: bx + barW / 2, y: top + plotH + 30, 'text-anchor': 'middle'}, marks),
        );
      }
      if (sample.targetValues) {
        const ty = y(sample.targetValues[k]);
        g.append(
          s('line', {class: 'tick', x1: bx - 2, x2: bx + barW + 2, y1: ty, y2: ty}),
          s('path', {class: 'tick-head', d: 'M' + (bx - 2) + ' ' + (ty - 4) + ' l5 4 l-5 4 z'}),
        );
      }
      svg.append(g);
    });
    return h(
      'figure',
      {class: 'sample-probs'},
      h(
        'figcaption',
        {},
        h('strong', {}, sample.title),
        sample.subtitle ? h('span', {}, sample.subtitle) : null,
      ),
      svg,
    );
  });
  return h('div', {class: 'prob-grid'}, figures);
}

function pShort(p) {
  if (typeof p !== 'number') return '\u2014';
  return p === 1 ? '1' : p === 0 ? '0' : p.toFixed(2).replace(/^0/, '').replace(/^-0/, '\u2212');
}

/** Diverging colour for t in [-1, 1]: blue below zero, white at zero, red above. */
export function diverging(t) {
  const stops =
    t < 0
      ? [
          [255, 255, 255],
          [146, 197, 222],
          [33, 102, 172],
        ]
      : [
          [255, 255, 255],
          [244, 165, 130],
          [178, 24, 43],
        ];
  const a = Math.min(1, Math.abs(t)) * 2;
  const [from, to] = a <= 1 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const f = a <= 1 ? a : a - 1;
  const mix = from.map((x, i) => Math.round(x + (to[i] - x) * f));
  return 'rgb(' + mix.join(',') + ')';
}

/** The gradient as a heat map with the signed value written in every cell. */
export function heatmap(matrix, title) {
  const n = matrix.length;
  const c = n > 0 ? matrix[0].length : 0;
  const labelW = 86;
  const headH = 24;
  const cellW = Math.max(54, Math.min(88, (WIDTH - labelW) / Math.max(c, 1)));
  const cellH = 34;
  const width = labelW + c * cellW;
  const legendH = 46;
  const height = headH + n * cellH + legendH;
  const max = Math.max(0, ...matrix.flat().map((x) => Math.abs(x ?? 0)));
  const svg = s('svg', {
    viewBox: '0 0 ' + Math.max(width, 320) + ' ' + height,
    width: Math.max(width, 320),
    height,
    class: 'chart heat',
    role: 'img',
    'aria-label': title,
  });
  svg.append(s('title', {}, title));
  for (let k = 0; k < c; k++) {
    svg.append(
      s(
        'text',
        {class: 'head', x: labelW + k * cellW + cellW / 2, y: headH - 8, 'text-anchor': 'middle'},
        'class ' + k,
      ),
    );
  }
  matrix.forEach((row, r) => {
    const y = headH + r * cellH;
    svg.append(
      s(
        'text',
        {
          class: 'head',
          x: labelW - 10,
          y: y + cellH / 2,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
        },
        'sample ' + r,
      ),
    );
    row.forEach((v, k) => {
      const t = max === 0 ? 0 : (v ?? 0) / max;
      const g = s('g', {class: 'hcell', dataset: {ix: r + ',' + k, shape: n + ',' + c}});
      g.append(
        s('title', {}, 'sample ' + r + ', class ' + k + ': ' + exact(v)),
        s('rect', {
          x: labelW + k * cellW + 1,
          y: y + 1,
          width: cellW - 2,
          height: cellH - 2,
          rx: 3,
          fill: diverging(t),
        }),
        s(
          'text',
          {
            class: Math.abs(t) > 0.62 ? 'on-dark' : 'on-light',
            x: labelW + k * cellW + cellW / 2,
            y: y + cellH / 2 + 1,
            'text-anchor': 'middle',
            'dominant-baseline': 'middle',
          },
          signed(v),
        ),
      );
      svg.append(g);
    });
  });
  // Legend: the scale from -max (blue) through 0 (white) to +max (red).
  const ly = headH + n * cellH + 14;
  const lw = Math.min(260, Math.max(width, 320) - labelW - 10);
  const steps = 21;
  for (let i = 0; i < steps; i++) {
    const t = -1 + (2 * i) / (steps - 1);
    svg.append(
      s('rect', {
        x: labelW + (i * lw) / steps,
        y: ly,
        width: lw / steps + 0.5,
        height: 10,
        fill: diverging(t),
      }),
    );
  }
  svg.append(s('rect', {class: 'legend-frame', x: labelW, y: ly, width: lw, height: 10}));
  const legend = [
    [0, 'start', '\u2212' + short(max, 3)],
    [lw / 2, 'middle', '0'],
    [lw, 'end', '+' + short(max, 3)],
  ];
  for (const [dx, anchor, text] of legend) {
    svg.append(s('text', {class: 'legend', x: labelW + dx, y: ly + 24, 'text-anchor': anchor}, text));
  }
  return svg;
}
