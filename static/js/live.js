// The live pages of a list of speakers (proceedings.live): the element with data-live
// follows the session's socket in its language and takes each state it is sent (a console,
// data-live-fragment, fetches its own fragment instead); the timer runs here from the
// times in the fragment and the server's clock when it sent them. A dropped connection
// is retried, and the state comes again when it is back. Without this script the page
// shows the state as it was when loaded.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) return;
  var status = document.querySelector("[data-live-status]");
  var announce = document.querySelector("[data-live-announce]");
  var clock = { server: Number(root.dataset.now) || Date.now(), at: performance.now() };
  var delay = 500;

  function format(seconds) {
    var sign = seconds < 0 ? "\u2212" : "";
    seconds = Math.abs(seconds);
    var rest = seconds % 60;
    return sign + Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    root.querySelectorAll("[data-timer]").forEach(function (timer) {
      var spoken = Number(timer.dataset.spoken);
      var since = timer.dataset.since;
      if (since) {
        spoken += (clock.server - Number(since) + performance.now() - clock.at) / 1000;
      }
      spoken = Math.max(0, Math.floor(spoken));
      var left = Number(timer.dataset.limit) - spoken;
      timer.querySelector("[data-elapsed]").textContent = format(spoken);
      timer.querySelector("[data-left]").textContent = format(left);
      timer.classList.toggle("over", left < 0);
    });
  }

  function show(html) {
    var before = root.querySelector("[data-speaker]");
    root.innerHTML = html;
    var after = root.querySelector("[data-speaker]");
    var name = after ? after.textContent : "";
    if (announce && (before ? before.dataset.speaker : "") !== (after ? after.dataset.speaker : "")) {
      announce.textContent = name;
    }
    tick();
  }

  function receive(event) {
    var state = JSON.parse(event.data);
    clock = { server: state.now, at: performance.now() };
    if (root.dataset.liveFragment) {
      fetch(root.dataset.liveFragment, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) show(html); });
    } else {
      show(state.html);
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(
      scheme + location.host + "/ws/sessions/" + root.dataset.liveSession + "/speakers/" + root.dataset.live + "/"
    );
    socket.addEventListener("open", function () {
      delay = 500;
      if (status) status.hidden = true;
      root.dataset.connected = "true";
    });
    socket.addEventListener("message", receive);
    socket.addEventListener("close", function (event) {
      root.dataset.connected = "false";
      if (event.code === 4403) return; // refused: reconnecting would not help
      if (status) {
        status.textContent = status.dataset.lost;
        status.hidden = false;
      }
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    });
  }

  tick();
  setInterval(tick, 250);
  connect();
})();
