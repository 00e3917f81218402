// Draws the report's charts as SVG from the embedded data; each chart container gets data-rendered = the marks drawn.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var svgNs = 'http://www.w3.org/2000/svg';
  var levelColors = { None: '#8c959f', Low: '#4c9be8', Medium: '#f0a30a', High: '#d13438' };
  var kindColors = { RevokeSession: '#d13438', StepUp: '#f0a30a', RiskLevelChange: '#4c9be8' };
  var levels = ['None', 'Low', 'Medium', 'High'];

  function element(name, attributes, parent) {
    var node = document.createElementNS(svgNs, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function tip(node, text) {
    element('title', {}, node).textContent = text;
    return node;
  }

  function label(svg, x, y, text, anchor) {
    element('text', { x: x, y: y, 'text-anchor': anchor || 'start' }, svg).textContent = text;
  }

  function chart(name, width, height) {
    var container = document.querySelector('[data-chart="' + name + '"]');
    var svg = element('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': container.getAttribute('aria-label') });
    tip(svg, container.getAttribute('aria-label'));
    container.appendChild(svg);
    return { container: container, svg: svg };
  }

  function legend(container, colors) {
    var line = document.createElement('div');
    line.className = 'legend';
    Object.keys(colors).forEach(function (key) {
      var swatch = document.createElement('span');
      swatch.style.background = colors[key];
      line.appendChild(swatch);
      line.appendChild(document.createTextNode(key));
    });
    container.appendChild(line);
  }

  function rendered(target, marks) {
    target.container.setAttribute('data-rendered', String(marks));
  }

  function scores() {
    var target = chart('scores', 800, 260), plot = { left: 50, top: 10, width: 740, height: 220 };
    var buckets = data.summary.scoreDistribution, max = 1, marks = 0;
    buckets.forEach(function (bucket) {
      max = Math.max(max, levels.reduce(function (sum, level) { return sum + bucket[level]; }, 0));
    });
    var barWidth = plot.width / buckets.length;
    buckets.forEach(function (bucket, index) {
      var y = plot.top + plot.height;
      levels.forEach(function (level) {
        var count = bucket[level];
        if (count === 0) { return; }
        var height = Math.max(1, count / max * plot.height);
        y -= height;
        tip(element('rect', { x: plot.left + index * barWidth + 1, y: y, width: barWidth - 2, height: height, fill: levelColors[level] }, target.svg),
          'score ' + bucket.from + '-' + (bucket.from + data.bucketWidth) + ', ' + level + ': ' + count + ' events');
        marks++;
      });
      if (index % 2 === 0) { label(target.svg, plot.left + index * barWidth + barWidth / 2, plot.top + plot.height + 15, String(bucket.from), 'middle'); }
    });
    label(target.svg, plot.left - 5, plot.top + 10, String(max), 'end');
    label(target.svg, plot.left - 5, plot.top + plot.height, '0', 'end');
    legend(target.container, levelColors);
    rendered(target, marks);
  }

  function actions() {
    var target = chart('actions', 800, 260), plot = { left: 50, top: 10, width: 740, height: 220 };
    var series = data.actionsOverTime, bars = series.bars, max = 1, marks = 0;
    bars.forEach(function (bar) { max = Math.max(max, bar.counts.reduce(function (sum, count) { return sum + count; }, 0)); });
    var barWidth = plot.width / Math.max(1, bars.length);
    bars.forEach(function (bar, index) {
      var y = plot.top + plot.height;
      series.kinds.forEach(function (kind, kindIndex) {
        var count = bar.counts[kindIndex];
        if (count === 0) { return; }
        var height = Math.max(1, count / max * plot.height);
        y -= height;
        tip(element('rect', { x: plot.left + index * barWidth, y: y, width: Math.max(1, barWidth - 1), height: height, fill: kindColors[kind] }, target.svg),
          bar.time + ' (' + series.bucketHours + ' h), ' + kind + ': ' + count);
        marks++;
      });
    });
    if (bars.length > 0) {
      label(target.svg, plot.left, plot.top + plot.height + 15, bars[0].time);
      label(target.svg, plot.left + plot.width, plot.top + plot.height + 15, bars[bars.length - 1].time, 'end');
    }
    label(target.svg, plot.left - 5, plot.top + 10, String(max), 'end');
    legend(target.container, kindColors);
    rendered(target, marks);
  }

  function signals() {
    var top = data.summary.signals.slice(0, data.topSignals), rowHeight = 22;
    var target = chart('signals', 800, Math.max(1, top.length) * rowHeight + 10), left = 200, width = 420, marks = 0;
    var max = top.reduce(function (most, signal) { return Math.max(most, signal.points); }, 1);
    top.forEach(function (signal, index) {
      var y = 5 + index * rowHeight;
      label(target.svg, left - 8, y + 14, signal.signal, 'end');
      tip(element('rect', { x: left, y: y + 2, width: Math.max(1, signal.points / max * width), height: rowHeight - 6, fill: '#4c9be8' }, target.svg),
        signal.signal + ': ' + signal.points + ' points, fired ' + signal.fired + ', actions ' + signal.actions);
      label(target.svg, left + width + 8, y + 14, signal.points.toFixed(1) + ' pts, fired ' + signal.fired + ', actions ' + signal.actions);
      marks++;
    });
    rendered(target, marks);
  }

  function timeline(series, index) {
    var target = chart('timeline-' + index, 800, 200), plot = { left: 40, top: 10, width: 740, height: 160 };
    var points = series.points, first = points[0].t, span = Math.max(1, points[points.length - 1].t - first), marks = 0;
    function x(point) { return plot.left + (point.t - first) / span * plot.width; }
    function y(score) { return plot.top + (100 - score) / 100 * plot.height; }
    element('line', { x1: plot.left, y1: plot.top + plot.height, x2: plot.left + plot.width, y2: plot.top + plot.height, stroke: '#d0d7de' }, target.svg);
    label(target.svg, plot.left - 5, y(100) + 4, '100', 'end');
    label(target.svg, plot.left - 5, y(0), '0', 'end');
    var path = points.map(function (point) { return x(point).toFixed(1) + ',' + y(point.score).toFixed(1); });
    path.unshift(plot.left.toFixed(1) + ',' + y(series.previousScore).toFixed(1));
    tip(element('polyline', { points: path.join(' '), fill: 'none', stroke: '#57606a', 'stroke-width': 1.5 }, target.svg),
      series.identity + ': score from ' + series.previousScore + ' over ' + points.length + ' events');
    marks++;
    points.forEach(function (point) {
      if (point.actions.length === 0) { return; }
      var text = point.time + ': score ' + point.score + ' (' + point.level + '), ' + point.actions.join(', ');
      point.findings.forEach(function (finding) { text += '\n' + finding.signal + ': ' + finding.evidence; });
      tip(element('circle', { cx: x(point), cy: y(point.score), r: 4, fill: kindColors[point.actions[0]] }, target.svg), text);
      marks++;
    });
    label(target.svg, plot.left, plot.top + plot.height + 15, points[0].time);
    label(target.svg, plot.left + plot.width, plot.top + plot.height + 15, points[points.length - 1].time, 'end');
    rendered(target, marks);
  }

  scores();
  actions();
  signals();
  data.timelines.forEach(timeline);
}());
