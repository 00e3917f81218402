// Draws the report's charts as SVG from the embedded data. Every data mark (a bar, a line, a dot) has class "mark";
// each chart container gets data-rendered = the marks drawn, so a headless browser can tell the charts drew.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var svgNs = 'http://www.w3.org/2000/svg';
  var levelColors = { None: '#8c959f', Low: '#4c9be8', Medium: '#f0a30a', High: '#d13438' };
  var kindColors = { RevokeSession: '#d13438', StepUp: '#f0a30a', RiskLevelChange: '#4c9be8' };
  var levels = ['None', 'Low', 'Medium', 'High'];
  var axisColor = '#8c959f', gridColor = '#eaeef2';
  // Room around every plot for the tick labels and the axis titles.
  var margin = { left: 70, right: 15, top: 12, bottom: 48 };

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

  function label(svg, x, y, text, anchor, extra) {
    var attributes = { x: x, y: y, 'text-anchor': anchor || 'start' };
    Object.keys(extra || {}).forEach(function (key) { attributes[key] = extra[key]; });
    element('text', attributes, svg).textContent = text;
  }

  // 1234567 as "1,234,567", the same in every browser locale.
  function number(value) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function chart(name, width, height) {
    var container = document.querySelector('[data-chart="' + name + '"]');
    var svg = element('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': container.getAttribute('aria-label') });
    tip(svg, container.getAttribute('aria-label'));
    container.appendChild(svg);
    var plot = { left: margin.left, top: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    plot.bottom = plot.top + plot.height;
    return { container: container, svg: svg, plot: plot, marks: 0 };
  }

  function mark(target, name, attributes, text) {
    attributes['class'] = 'mark';
    target.marks++;
    return tip(element(name, attributes, target.svg), text);
  }

  // A value axis from 0 to max with a gridline at each quarter, and both axis titles.
  function axes(target, max, yTitle, xTitle, format) {
    var plot = target.plot, svg = target.svg;
    [0, 0.25, 0.5, 0.75, 1].forEach(function (share) {
      var y = plot.bottom - share * plot.height;
      element('line', { x1: plot.left, y1: y, x2: plot.left + plot.width, y2: y, stroke: share === 0 ? axisColor : gridColor }, svg);
      label(svg, plot.left - 6, y + 4, format(share * max), 'end');
    });
    element('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: axisColor }, svg);
    var middle = plot.top + plot.height / 2;
    label(svg, 14, middle, yTitle, 'middle', { transform: 'rotate(-90 14 ' + middle + ')', 'class': 'axis-title' });
    label(svg, plot.left + plot.width / 2, plot.bottom + 40, xTitle, 'middle', { 'class': 'axis-title' });
  }

  function legend(container, colors, title) {
    var line = document.createElement('div');
    line.className = 'legend';
    line.appendChild(document.createTextNode(title));
    Object.keys(colors).forEach(function (key) {
      var swatch = document.createElement('span');
      swatch.style.background = colors[key];
      line.appendChild(swatch);
      line.appendChild(document.createTextNode(key));
    });
    container.appendChild(line);
  }

  function rendered(target) {
    target.container.setAttribute('data-rendered', String(target.marks));
  }

  // The top of a count axis: four equal steps of a round whole size (1, 2, 3 or 5 under 10; 10, 20, 25, 50, ... above).
  function countAxisMax(max) {
    var step = Math.max(1, max / 4), magnitude = Math.pow(10, Math.floor(Math.log10(step)));
    var factors = magnitude === 1 ? [1, 2, 3, 5, 10] : [1, 2, 2.5, 5, 10];
    var factor = factors.filter(function (candidate) { return candidate * magnitude >= step; })[0];
    return 4 * factor * magnitude;
  }

  // A time under the tick at each given x where it fits: the first starts at its tick, the others are centred on
  // theirs, and none overlaps the one before or runs off the chart.
  function timeLabels(target, times, xOf) {
    var plot = target.plot, labelWidth = 130, gap = 12, lastRight = -Infinity;
    times.forEach(function (time, index) {
      var x = xOf(index), left = index === 0 ? x : x - labelWidth / 2, right = left + labelWidth;
      if (left < lastRight + gap || right > plot.left + plot.width + margin.right) { return; }
      element('line', { x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: axisColor }, target.svg);
      label(target.svg, x, plot.bottom + 17, time, index === 0 ? 'start' : 'middle');
      lastRight = right;
    });
  }

  function plural(count, noun) {
    return number(count) + ' ' + noun + (count === 1 ? '' : 's');
  }

  function scores() {
    var target = chart('scores', 800, 280), plot = target.plot;
    var buckets = data.summary.scoreDistribution, max = 1;
    buckets.forEach(function (bucket) {
      max = Math.max(max, levels.reduce(function (sum, level) { return sum + bucket[level]; }, 0));
    });
    max = countAxisMax(max);
    axes(target, max, 'events', 'score the event left its identity with', function (value) { return number(Math.round(value)); });
    var barWidth = plot.width / buckets.length;
    buckets.forEach(function (bucket, index) {
      var y = plot.bottom;
      levels.forEach(function (level) {
        var count = bucket[level];
        if (count === 0) { return; }
        var height = Math.max(1, count / max * plot.height);
        y -= height;
        mark(target, 'rect', { x: plot.left + index * barWidth + 1, y: y, width: barWidth - 2, height: height, fill: levelColors[level] },
          'score ' + bucket.from + '-' + (bucket.from + data.bucketWidth) + ', ' + level + ': ' + number(count) + ' events');
      });
    });
    // Ticks at bucket boundaries: a bar stands between the scores either side of it.
    for (var index = 0; index <= buckets.length; index += 2) {
      var x = plot.left + index * barWidth;
      element('line', { x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: axisColor }, target.svg);
      label(target.svg, x, plot.bottom + 17, String(index * data.bucketWidth), 'middle');
    }

    legend(target.container, levelColors, 'Risk level:');
    rendered(target);
  }

  function actions() {
    var target = chart('actions', 800, 280), plot = target.plot;
    var series = data.actionsOverTime, bars = series.bars, max = 1;
    bars.forEach(function (bar) { max = Math.max(max, bar.counts.reduce(function (sum, count) { return sum + count; }, 0)); });
    max = countAxisMax(max);
    var hours = series.bucketHours === 1 ? 'hour' : series.bucketHours + ' hours';
    axes(target, max, 'actions', 'event time (UTC), one bar per ' + hours, function (value) { return number(Math.round(value)); });
    var barWidth = plot.width / Math.max(1, bars.length);
    bars.forEach(function (bar, index) {
      var y = plot.bottom;
      series.kinds.forEach(function (kind, kindIndex) {
        var count = bar.counts[kindIndex];
        if (count === 0) { return; }
        var height = Math.max(1, count / max * plot.height);
        y -= height;
        mark(target, 'rect', { x: plot.left + index * barWidth, y: y, width: Math.max(1, barWidth - 1), height: height, fill: kindColors[kind] },
          bar.time + ' (' + hours + '), ' + kind + ': ' + number(count));
      });
    });
    timeLabels(target, bars.map(function (bar) { return bar.time; }), function (index) { return plot.left + index * barWidth; });
    legend(target.container, kindColors, 'Action:');
    rendered(target);
  }

  function signals() {
    var top = data.summary.signals.slice(0, data.topSignals), rowHeight = 22, left = 200, width = 300;
    var target = chart('signals', 800, Math.max(1, top.length) * rowHeight + 10);
    var max = top.reduce(function (most, signal) { return Math.max(most, signal.points); }, 1);
    top.forEach(function (signal, index) {
      var y = 5 + index * rowHeight, barWidth = Math.max(1, signal.points / max * width);
      label(target.svg, left - 8, y + 14, signal.signal, 'end');
      mark(target, 'rect', { x: left, y: y + 2, width: barWidth, height: rowHeight - 6, fill: '#4c9be8' },
        signal.signal + ': ' + signal.points + ' points, fired ' + signal.fired + ', actions ' + signal.actions);
      label(target.svg, left + barWidth + 8, y + 14, number(signal.points.toFixed(1)) + ' points, fired ' + plural(signal.fired, 'time') + ', ' + plural(signal.actions, 'action'));
    });
    rendered(target);
  }

  function timeline(series, index) {
    var target = chart('timeline-' + index, 800, 220), plot = target.plot;
    var points = series.points, first = points[0].t, span = Math.max(1, points[points.length - 1].t - first);
    function x(point) { return plot.left + (point.t - first) / span * plot.width; }
    function y(score) { return plot.bottom - score / 100 * plot.height; }
    axes(target, 100, 'score', 'event time (UTC)', function (value) { return String(value); });
    var path = points.map(function (point) { return x(point).toFixed(1) + ',' + y(point.score).toFixed(1); });
    path.unshift(plot.left.toFixed(1) + ',' + y(series.previousScore).toFixed(1));
    mark(target, 'polyline', { points: path.join(' '), fill: 'none', stroke: '#57606a', 'stroke-width': 1.5 },
      series.identity + ': score from ' + series.previousScore + ' over ' + points.length + ' events');
    points.forEach(function (point) {
      if (point.actions.length === 0) { return; }
      var text = point.time + ': score ' + point.score + ' (' + point.level + '), ' + point.actions.join(', ');
      point.findings.forEach(function (finding) { text += '\n' + finding.signal + ': ' + finding.evidence; });
      mark(target, 'circle', { cx: x(point), cy: y(point.score), r: 4, fill: kindColors[point.actions[0]] }, text);
    });
    label(target.svg, plot.left, plot.bottom + 17, points[0].time);
    label(target.svg, plot.left + plot.width, plot.bottom + 17, points[points.length - 1].time, 'end');
    legend(target.container, kindColors, 'Dots, by the strongest action taken:');
    rendered(target);
  }

  scores();
  actions();
  signals();
  data.timelines.forEach(timeline);
}());
