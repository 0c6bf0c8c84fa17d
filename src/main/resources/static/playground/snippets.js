// "Copy as PyTorch" and "Copy as curl": the call that reproduces what the page asked the service.

import {ENDPOINTS, numberText, targetKind, usesIgnoreIndex} from './model.js';

function pyNumber(typed) {
  const t = numberText(typed);
  if (t === 'NaN' || t === '-NaN') return "float('nan')";
  if (t === 'Infinity') return "float('inf')";
  if (t === '-Infinity') return "-float('inf')";
  return t;
}

function pyVector(texts) {
  return '[' + texts.map(pyNumber).join(', ') + ']';
}

function pyMatrix(grid, indent) {
  return '[' + grid.map(pyVector).join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensor(name, grid, extra) {
  const open = name + ' = torch.tensor(';
  return open + pyMatrix(grid, open.length) + ',\n' + ' '.repeat(open.length) + extra + ')';
}

function pyName(field) {
  return field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/** The PyTorch program, in float64, that computes the same numbers as the page's request. */
export function pytorch(state) {
  const endpoint = ENDPOINTS[state.endpoint];
  const kind = targetKind(state);
  const input = pyName(endpoint.input);
  const lines = ['import torch', ''];
  lines.push(tensor(input, state.input, 'dtype=torch.float64, requires_grad=True'));
  const classes = () =>
    '[' +
    state.classes.map((t) => (t === 'ignore' ? numberText(state.ignoreIndex) : String(t))).join(', ') +
    ']';

  if (state.endpoint === 'softmax') {
    const t = numberText(state.temperature);
    const scaled = t === '1' ? 'logits' : 'logits / ' + pyNumber(state.temperature);
    lines.push('probabilities = torch.softmax(' + scaled + ', dim=1)');
    lines.push('log_probabilities = torch.log_softmax(' + scaled + ', dim=1)');
    lines.push('print(probabilities.tolist())');
    if (state.upstreamOn) {
      lines.push(tensor('upstream_gradient', state.upstream, 'dtype=torch.float64'));
      lines.push('probabilities.backward(upstream_gradient)');
      lines.push('print(logits.grad.tolist())');
    }
    return lines.join('\n') + '\n';
  }

  if (kind === 'classes' && state.endpoint.startsWith('bce')) {
    lines.push(
      'target = torch.nn.functional.one_hot(torch.tensor(' +
        classes() +
        '), num_classes=' +
        state.input[0].length +
        ').to(torch.float64)',
    );
  } else if (kind === 'classes') {
    lines.push('target = torch.tensor(' + classes() + ')');
  } else {
    lines.push(tensor('target', state.targetGrid, 'dtype=torch.float64'));
  }

  const args = [];
  const has = (option) => endpoint.options.includes(option);
  if (has('weight') && state.weightOn)
    args.push('weight=torch.tensor(' + pyVector(state.weight) + ', dtype=torch.float64)');
  if (has('posWeight') && state.posWeightOn)
    args.push('pos_weight=torch.tensor(' + pyVector(state.posWeight) + ', dtype=torch.float64)');
  if (usesIgnoreIndex(state) && state.ignoreIndex.trim() !== '-100')
    args.push('ignore_index=' + pyNumber(state.ignoreIndex));
  if (has('labelSmoothing') && Number(numberText(state.labelSmoothing)) !== 0)
    args.push('label_smoothing=' + pyNumber(state.labelSmoothing));
  if (state.reduction !== 'mean') args.push("reduction='" + state.reduction + "'");
  const call = 'loss_fn = torch.' + endpoint.module + '(';
  lines.push(call + args.join(',\n' + ' '.repeat(call.length)) + ')');
  lines.push('loss = loss_fn(' + input + ', target)');
  if (state.reduction === 'none') {
    lines.push('loss.backward(torch.ones_like(loss))  # the gradient of the sum of the per-sample losses');
    lines.push('print(loss.tolist())');
  } else {
    lines.push('loss.backward()');
    lines.push('print(loss.item())');
  }
  lines.push('print(' + input + '.grad.tolist())');
  return lines.join('\n') + '\n';
}

function shellQuote(text) {
  return "'" + text.replace(/'/g, "'\\''") + "'";
}

/** The curl command for the request, exactly as the page sends it. */
export function curl(req, origin) {
  return (
    'curl -s ' +
    shellQuote(origin + req.url) +
    ' \\\n' +
    "  -H 'Content-Type: application/json' \\\n" +
    '  -d ' +
    shellQuote(req.body) +
    '\n'
  );
}
