// Sandbox provider page: counts down to the moment the provider stops waiting for the payer. The buttons
// are plain forms and work without this script; at the deadline they are disabled and the page reloads
// once the server has settled the attempt (it fails with "timeout").
(function () {
  'use strict';
  var countdown = document.getElementById('countdown');
  if (!countdown) {
    return;
  }
  var deadline = Date.parse(countdown.getAttribute('data-deadline'));
  var remaining = document.getElementById('remaining');
  var buttons = document.querySelectorAll('#approve, #decline');

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    remaining.textContent = pad(Math.floor(left / 60)) + ':' + pad(left % 60);
    if (left > 0) {
      return;
    }
    clearInterval(timer);
    countdown.textContent = 'Temps écoulé : l\u2019opérateur n\u2019attend plus votre réponse.';
    buttons.forEach(function (button) { button.disabled = true; });
    // The window's timeout is applied by the server a moment after the deadline; reload for a minute at most.
    if (Date.now() - deadline < 60000) {
      setTimeout(function () { location.reload(); }, 3000);
    }
  }

  var timer = setInterval(tick, 1000);
  tick();
})();
