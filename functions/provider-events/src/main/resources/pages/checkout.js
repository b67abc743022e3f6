// Hosted checkout: pays one intent with nothing but its token, through the routes a payer's app may call
// (docs/CONTRACT.md §3: GET /payment-intents/{id}?token=, POST …/payments, POST …/authentication). Every value shown
// goes through textContent, never parsed as markup.
(function () {
  'use strict';
  var storageKey = function (id) { return 'cauri.checkout.' + id; };
  var back = document.getElementById('checkout-return');
  if (back) {
    // Back from a redirection flow at /checkout?intent=…: that URL (stored on the attempt) carries no token.
    // The token is the one this tab kept when the checkout was opened; without it the link cannot go on.
    var kept = null;
    try { kept = sessionStorage.getItem(storageKey(back.dataset.intentId)); } catch (e) { kept = null; }
    if (kept) {
      location.replace('/checkout?token=' + encodeURIComponent(kept));
    } else {
      document.getElementById('resuming').hidden = true;
      document.getElementById('error').textContent = 'Ce lien de paiement n\u2019est plus valide. Rouvrez le lien reçu du marchand.';
      document.getElementById('error').hidden = false;
    }
    return;
  }
  var root = document.getElementById('checkout');
  var intentId = root.dataset.intentId;
  var token = root.dataset.token;
  try { sessionStorage.setItem(storageKey(intentId), token); } catch (e) { /* private mode: no return trip */ }
  var routes = JSON.parse(root.dataset.routes);
  var base = '/payment-intents/' + encodeURIComponent(intentId);
  var $ = function (id) { return document.getElementById(id); };
  var countryNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['fr'], { type: 'region' }) : null;
  var pollTimer = null;
  var intentRoutes = [];

  function call(method, path, body) {
    var options = { method: method, headers: { Accept: 'application/json' }, cache: 'no-store' };
    if (body) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var error = new Error(json.message || ('Erreur ' + response.status));
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }

  function readIntent() {
    return call('GET', base + '?token=' + encodeURIComponent(token));
  }

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function showError(message) {
    $('error').textContent = message || '';
    show('error', !!message);
  }

  function amountText(amount, currency) {
    var format = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: currency });
    var decimals = format.resolvedOptions().maximumFractionDigits;
    return format.format(amount / Math.pow(10, decimals));
  }

  function fillCountries(intent) {
    intentRoutes = routes.filter(function (r) {
      return r.currency === intent.currency && intent.amount >= r.minAmount && intent.amount <= r.maxAmount;
    });
    var select = $('country');
    if (select.options.length > 0) {
      return;
    }
    intentRoutes.map(function (r) { return r.country; })
      .filter(function (c, i, all) { return all.indexOf(c) === i; })
      .forEach(function (country) {
        select.add(new Option(countryNames ? countryNames.of(country) : country, country));
      });
    fillProviders();
  }

  function fillProviders() {
    var select = $('provider');
    var country = $('country').value;
    select.length = 0;
    intentRoutes.filter(function (r) { return r.country === country; }).forEach(function (r) {
      select.add(new Option(r.name, r.provider));
    });
  }

  function stopPolling() {
    if (pollTimer) {
      clearTimeout(pollTimer);
      pollTimer = null;
    }
  }

  function poll() {
    stopPolling();
    pollTimer = setTimeout(function () {
      readIntent().then(render, function (e) { showError(e.message); poll(); });
    }, 2000);
  }

  function render(intent) {
    $('amount').textContent = amountText(intent.amount, intent.currency);
    $('merchant').textContent = intent.overrideBusinessName || root.dataset.merchantName;
    $('mode').textContent = intent.mode === 'sandbox' ? 'Sandbox' : '';
    ['pay', 'otp', 'waiting', 'result', 'failure', 'redirection'].forEach(function (id) { show(id, false); });
    var failure = intent.lastPaymentFailure;
    var action = intent.nextAction;
    switch (intent.status) {
      case 'payment_required':
        stopPolling();
        fillCountries(intent);
        if (failure) {
          $('failure').textContent = 'Paiement refusé : ' + failure.message + ' (' + failure.code + ')';
          show('failure', true);
        }
        $('submit-payment').disabled = intentRoutes.length === 0;
        show('pay', true);
        break;
      case 'action_required':
        if (action && action.type === 'otp') {
          stopPolling();
          $('otp-message').textContent = action.message || '';
          $('otp-code').value = '';
          show('otp', true);
          $('otp-code').focus();
        } else {
          $('waiting-message').textContent = (action && action.message) || '';
          if (action && action.type === 'redirection' && action.data && /^https?:\/\//.test(action.data.url)) {
            $('redirection').href = action.data.url;
            show('redirection', true);
          }
          show('waiting', true);
          poll();
        }
        break;
      case 'processing':
        $('waiting-message').textContent = '';
        show('waiting', true);
        poll();
        break;
      default:
        stopPolling();
        var successful = intent.status === 'successful';
        $('result').className = 'result ' + intent.status;
        $('result').dataset.status = intent.status;
        $('result-title').textContent = successful ? 'Paiement réussi' : 'Paiement annulé';
        $('result-message').textContent = successful
          ? 'Merci ! Votre paiement de ' + amountText(intent.amount, intent.currency) + ' est confirmé.'
          : 'Ce paiement ne peut plus être effectué.';
        show('result', true);
    }
  }

  function busy(button, on) {
    button.disabled = on;
  }

  $('country').addEventListener('change', fillProviders);

  $('pay').addEventListener('submit', function (event) {
    event.preventDefault();
    showError('');
    var button = $('submit-payment');
    busy(button, true);
    // Where a redirection flow (wave) brings the payer back: stored on the attempt, so never the token. The
    // redirect allowlist accepts <public base URL>/checkout in every mode, so served from there this passes.
    var back = location.origin + '/checkout?intent=' + encodeURIComponent(intentId);
    call('POST', base + '/payments', {
      token: token,
      paymentMethod: 'mobile_money',
      country: $('country').value,
      provider: $('provider').value,
      // Redirection flows (wave) bring the payer back to the checkout, where the result is read again.
      mobileMoney: { msisdn: $('msisdn').value.trim(), onSuccessRedirectionUrl: back, onFailedRedirectionUrl: back }
    }).then(function (intent) {
      render(intent);
      var action = intent.nextAction;
      if (intent.status === 'action_required' && action && action.type === 'redirection' && action.data
          && /^https?:\/\//.test(action.data.url)) {
        location.assign(action.data.url);
      }
    }, function (e) {
      showError(e.message);
    }).then(function () { busy(button, false); });
  });

  $('otp').addEventListener('submit', function (event) {
    event.preventDefault();
    showError('');
    var button = $('submit-otp');
    busy(button, true);
    call('POST', base + '/authentication', { token: token, confirmationCode: $('otp-code').value.trim() })
      .then(render, function (e) { showError(e.message); })
      .then(function () { busy(button, false); });
  });

  readIntent().then(render, function (e) {
    showError(e.status === 401 || e.status === 404 ? 'Ce lien de paiement n\u2019est plus valide.' : e.message);
  });
})();
