// Hotline conveniences; every form works without this file.
// - The consultation form saves itself as a sealed draft on the server while it is typed,
//   and Ctrl+Enter (or Ctrl+S) saves the consultation.
// - The public form computes its small proof-of-work before sending (without a script the
//   server asks for a few seconds on the page instead).
// - The quick-exit button (and the Escape key pressed twice) leaves without a history entry.
"use strict";
(function () {
  // SHA-256 of an ASCII string, hex (crypto.subtle needs HTTPS; a LAN may not have it).
  var K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
    0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
    0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
    0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
    0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
  function sha256hex(s) {
    var n = s.length, words = [], i, j;
    for (i = 0; i < n; i++) { words[i >> 2] |= (s.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8); }
    words[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    var len = ((n + 8) >> 6) * 16 + 16;
    for (i = 0; i < len; i++) { words[i] = words[i] | 0; }
    words[len - 1] = n * 8;
    var h = [0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19];
    var w = new Array(64);
    function r(x, c) { return (x >>> c) | (x << (32 - c)); }
    for (i = 0; i < len; i += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        if (j < 16) { w[j] = words[i + j]; } else {
          var s0 = r(w[j - 15], 7) ^ r(w[j - 15], 18) ^ (w[j - 15] >>> 3);
          var s1 = r(w[j - 2], 17) ^ r(w[j - 2], 19) ^ (w[j - 2] >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
        var t1 = (k + (r(e, 6) ^ r(e, 11) ^ r(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((r(a, 2) ^ r(a, 13) ^ r(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = "";
    for (i = 0; i < 8; i++) { out += ("00000000" + (h[i] >>> 0).toString(16)).slice(-8); }
    return out;
  }

  function autosave(form) {
    var url = form.getAttribute("data-autosave");
    var status = document.getElementById("autosave-status");
    var timer = null, last = "";
    function body() { return new URLSearchParams(new FormData(form)).toString(); }
    function save(beacon) {
      var data = body();
      if (data === last) { return; }
      last = data;
      if (beacon && navigator.sendBeacon) {
        navigator.sendBeacon(url, new Blob([data], { type: "application/x-www-form-urlencoded" }));
        return;
      }
      fetch(url, { method: "POST", credentials: "same-origin", body: data,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Mayak-Autosave": "1" } })
        .then(function (res) {
          if (status) { status.textContent = res.ok ? status.getAttribute("data-saved") + " " + new Date().toLocaleTimeString() : status.getAttribute("data-failed"); }
        })
        .catch(function () { last = ""; if (status) { status.textContent = status.getAttribute("data-failed"); } });
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { save(false); }, 1200); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(function () { save(false); }, 400); });
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { save(true); } });
    // Alt+Shift+letter reaches the field with that access key in every browser (native
    // access keys differ: Alt in Chrome, Alt+Shift in Firefox, Ctrl+Alt on a Mac).
    document.addEventListener("keydown", function (e) {
      if (!e.altKey || !e.shiftKey || !/^Key[A-Z]$/.test(e.code)) { return; }
      var target = form.querySelector("[accesskey=" + e.code.slice(3).toLowerCase() + "]");
      if (!target) { return; }
      e.preventDefault();
      if (target.tagName === "BUTTON") { target.click(); } else { target.focus(); }
    });
    form.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === "Enter" || e.key === "s")) {
        e.preventDefault();
        var save = form.querySelector("button[value=save]");
        if (form.requestSubmit) { form.requestSubmit(save); } else { save.click(); }
      }
    });
    form.addEventListener("submit", function () { clearTimeout(timer); last = body(); });
  }

  function proofOfWork(form) {
    var difficulty = parseInt(form.getAttribute("data-pow-difficulty"), 10) || 0;
    var zeros = new Array(difficulty + 1).join("0");
    var status = document.getElementById("pow-status");
    form.addEventListener("submit", function (e) {
      var nonceField = form.querySelector("input[name=nonce]");
      if (nonceField.value) { return; }
      e.preventDefault();
      if (status) { status.textContent = status.getAttribute("data-working"); }
      var challenge = form.querySelector("input[name=challenge]").value;
      var n = 0;
      (function step() {
        var end = n + 2000;
        for (; n < end; n++) {
          if (sha256hex(challenge + ":" + n).slice(0, difficulty) === zeros) {
            nonceField.value = String(n);
            form.submit();
            return;
          }
        }
        setTimeout(step, 0);
      })();
    });
  }

  function quickExit(link) {
    function leave(e) { if (e) { e.preventDefault(); } window.location.replace(link.href); }
    link.addEventListener("click", leave);
    var lastEsc = 0;
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { return; }
      var now = Date.now();
      if (now - lastEsc < 800) { leave(); }
      lastEsc = now;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autosave]");
    if (form) { autosave(form); }
    var pub = document.querySelector("form[data-pow-difficulty]");
    if (pub) { proofOfWork(pub); }
    var exit = document.getElementById("quick-exit");
    if (exit) { quickExit(exit); }
  });
  window.mayakSha256 = sha256hex;
})();
