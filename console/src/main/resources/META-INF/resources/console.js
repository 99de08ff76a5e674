// ExDesk console: countdowns, relative times, canned replies and the live inbox. No build step.
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'en';

  function format(seconds) {
    var sign = seconds < 0 ? '−' : '';
    var s = Math.abs(Math.round(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = (h ? String(m).padStart(2, '0') : String(m)), rr = String(r).padStart(2, '0');
    return sign + (h ? h + ':' : '') + mm + ':' + rr;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var left = (Date.parse(el.dataset.due) - now) / 1000;
      el.textContent = format(left);
      el.classList.toggle('overdue', left < 0);
      if (left < 0) { el.classList.add('breached'); }
    });
    document.querySelectorAll('time[data-ago]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('datetime'));
      if (!isNaN(at)) { el.textContent = new Date(at).toLocaleString(lang); el.title = el.getAttribute('datetime'); }
    });
  }

  function cannedReplies() {
    var box = document.getElementById('reply-body');
    document.querySelectorAll('.canned-reply').forEach(function (button) {
      button.addEventListener('click', function () {
        box.value = button.dataset.text;
        box.focus();
      });
    });
  }

  // The live inbox: the console relays routing-service's stream of this agent's assignments; on each
  // message the rows are fetched again (htmx) and the badge counts what arrived since the page opened.
  function liveInbox() {
    var rows = document.querySelector('[data-live-inbox]');
    if (!rows || !window.EventSource) { return; }
    var state = document.getElementById('live-state');
    var badge = document.getElementById('new-badge');
    var fresh = 0;
    var texts = { on: state.dataset.on, off: state.dataset.off };
    var source = new EventSource(rows.dataset.liveInbox);
    source.onopen = function () { state.textContent = texts.on; state.dataset.live = 'open'; };
    source.onerror = function () { state.textContent = texts.off; state.dataset.live = 'retrying'; };
    source.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === 'ASSIGNED') {
        fresh += 1;
        badge.textContent = '+' + fresh;
        badge.hidden = false;
        document.title = '(' + fresh + ') ' + document.title.replace(/^\(\d+\) /, '');
      }
      htmx.trigger(rows, 'assignment');
    };
    document.body.addEventListener('htmx:afterSwap', function (event) {
      if (event.target !== rows) { return; }
      tick();
      rows.querySelectorAll('tr[data-ticket]').forEach(function (tr) {
        if (!seen[tr.dataset.ticket]) { tr.classList.add('fresh'); seen[tr.dataset.ticket] = Date.now(); }
      });
      window.exdeskInboxShown = seen;
    });
    var seen = {};
    rows.querySelectorAll('tr[data-ticket]').forEach(function (tr) { seen[tr.dataset.ticket] = 0; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    tick();
    setInterval(tick, 1000);
    cannedReplies();
    liveInbox();
  });
})();
