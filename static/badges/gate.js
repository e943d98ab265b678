/* The gate page: each scanned code goes to the check-in API, and the answer shows at once,
   large: green admitted, amber already checked in today, red refused with the reason.
   A USB or keyboard-wedge scanner types the code into the field and presses Enter; where the
   browser has BarcodeDetector, the camera can scan instead. No libraries. */
(function () {
  "use strict";

  var form = document.getElementById("gate-form");
  if (!form) {
    return;
  }
  var texts = JSON.parse(document.getElementById("gate-texts").textContent);
  var field = document.getElementById("gate-code");
  var gateName = document.getElementById("gate-name");
  var cameraButton = document.getElementById("gate-camera");
  var video = document.getElementById("gate-video");
  var result = document.getElementById("gate-result");
  var photo = document.getElementById("gate-photo");
  var lines = {
    verdict: document.getElementById("gate-verdict"),
    participant: document.getElementById("gate-participant"),
    entity: document.getElementById("gate-entity"),
    category: document.getElementById("gate-category"),
    detail: document.getElementById("gate-detail"),
  };
  var checkinUrl = form.dataset.checkinUrl;
  var session = form.dataset.session;
  var csrfToken = form.dataset.csrfToken || cookie("csrftoken");
  var latest = 0; // only the answer to the latest scan is shown

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function stored(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      if (value === null && fallback !== undefined) {
        value = fallback;
        window.localStorage.setItem(key, value);
      }
      return value || "";
    } catch (error) {
      return fallback || "";
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* private browsing: the gate name is not remembered */
    }
  }

  // Which browser scanned: a random name kept in this browser, for the check-in record.
  var device = stored(
    "unmeetings.gate.device",
    "browser-" + Math.random().toString(36).slice(2, 10)
  );
  gateName.value = stored("unmeetings.gate.name");
  gateName.addEventListener("change", function () {
    store("unmeetings.gate.name", gateName.value.trim());
  });

  var audio = null;
  function beep(kind) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = kind === "admitted" ? 880 : kind === "already" ? 660 : 220;
      gain.gain.value = 0.1;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + (kind === "refused" ? 0.6 : 0.15));
    } catch (error) {
      /* no sound: the colours still tell */
    }
  }

  function show(kind, verdict, answer) {
    answer = answer || {};
    result.className = "gate-result" + (kind ? " " + kind : "");
    lines.verdict.textContent = verdict;
    lines.participant.textContent = answer.name || "";
    lines.entity.textContent = answer.entity || "";
    lines.category.textContent = answer.category || "";
    lines.detail.textContent = answer.detail || "";
    if (answer.photo_url) {
      photo.src = answer.photo_url;
      photo.alt = texts.photo;
      photo.hidden = false;
    } else {
      photo.removeAttribute("src");
      photo.hidden = true;
    }
    result.hidden = false;
    if (kind) {
      beep(kind);
    }
  }

  function submit(code) {
    code = (code || "").trim();
    if (!code) {
      return;
    }
    var scan = ++latest;
    // Never leave the last answer on screen while the next one is on its way.
    show("", texts.checking);
    fetch(checkinUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken,
      },
      body: JSON.stringify({
        code: code,
        session: session,
        gate: gateName.value.trim(),
        device: device,
      }),
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (answer) {
            if (scan !== latest) {
              return;
            }
            if (response.status === 201) {
              show("admitted", texts.admitted, answer);
            } else if (response.status === 200) {
              show("already", texts.already_checked_in, answer);
            } else if (response.status === 401 || response.status === 403) {
              show("refused", texts.refused, { detail: texts.signed_out });
            } else {
              show("refused", texts[answer.reason] || texts.refused, answer);
            }
          });
      })
      .catch(function () {
        if (scan === latest) {
          show("refused", texts.refused, { detail: texts.network });
        }
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = field.value;
    field.value = "";
    field.focus();
    submit(code);
  });

  // A click anywhere but on a control brings the cursor back to the field for the scanner.
  document.addEventListener("click", function (event) {
    if (!event.target.closest("input, button, select, textarea, a, label, video")) {
      field.focus();
    }
  });

  // --- The camera, where the browser can read QR codes itself -----------------------------

  var stream = null;
  var detector = null;
  var lastSeen = { code: "", at: 0 };

  function scanFrame() {
    if (!stream) {
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        var now = Date.now();
        for (var index = 0; index < codes.length; index++) {
          var code = (codes[index].rawValue || "").trim();
          if (!code) {
            continue;
          }
          // A badge held in front of the camera is sent once, not at every frame.
          var fresh = code !== lastSeen.code || now - lastSeen.at > 3000;
          lastSeen = { code: code, at: now };
          if (fresh) {
            submit(code);
          }
          break;
        }
      })
      .catch(function () {
        /* a frame that could not be read: try the next */
      })
      .then(function () {
        window.setTimeout(scanFrame, 200);
      });
  }

  function startCamera() {
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      show("refused", texts.refused, { detail: texts.camera_error });
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false })
      .then(function (cameraStream) {
        stream = cameraStream;
        video.srcObject = stream;
        video.hidden = false;
        cameraButton.textContent = texts.stop_camera;
        return video.play().then(scanFrame);
      })
      .catch(function () {
        stopCamera();
        show("refused", texts.refused, { detail: texts.camera_error });
      });
  }

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    cameraButton.textContent = texts.use_camera;
    field.focus();
  }

  function offerCamera() {
    cameraButton.hidden = false;
    cameraButton.addEventListener("click", function () {
      if (stream) {
        stopCamera();
      } else {
        startCamera();
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && stream) {
        stopCamera();
      }
    });
  }

  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    if (typeof window.BarcodeDetector.getSupportedFormats === "function") {
      window.BarcodeDetector.getSupportedFormats()
        .then(function (formats) {
          if (formats.indexOf("qr_code") !== -1) {
            offerCamera();
          }
        })
        .catch(function () {});
    } else {
      offerCamera();
    }
  }

  field.focus();
})();
