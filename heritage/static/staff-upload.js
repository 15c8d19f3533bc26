/* Uploads: send big files in chunks that survive a dropped connection, and follow a job's
   progress. Without this script the form posts the files whole and the job page reloads. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  function request(method, url, token, body, headers) {
    var all = { "X-CSRFToken": token, "Accept": "application/json" };
    Object.keys(headers || {}).forEach(function (key) { all[key] = headers[key]; });
    return fetch(url, { method: method, headers: all, body: body, credentials: "same-origin" });
  }

  // Where the server has got to: asked again after any failure, so a chunk is never sent twice.
  function receivedOffset(url, token) {
    return request("GET", url, token).then(function (r) { return r.json(); })
      .then(function (state) { return state.offset; });
  }

  function sendFile(file, form, onBytes) {
    var token = csrfToken(form), chunk = parseInt(form.dataset.chunkBytes, 10);
    var base = form.dataset.sessionsUrl;
    return request("POST", base, token, JSON.stringify({ name: file.name, size: file.size }),
                   { "Content-Type": "application/json" })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error); } return b; }); })
      .then(function (session) {
        var url = base + "/" + session.id, failures = 0;
        function from(offset) {
          onBytes(offset);
          if (offset >= file.size) { return session.id; }
          return request("PATCH", url, token, file.slice(offset, offset + chunk),
                         { "Upload-Offset": String(offset), "Content-Type": "application/octet-stream" })
            .then(function (r) {
              if (r.status === 413 || r.status === 400) {
                return r.json().then(function (b) { throw new Error(b.error); });
              }
              if (!r.ok && r.status !== 409) { throw new TypeError("retry"); }
              failures = 0;
              return r.json().then(function (state) { return from(state.offset); });
            })
            .catch(function (problem) {
              if (!(problem instanceof TypeError) || ++failures > 20) { throw problem; }
              return wait(Math.min(1000 * failures, 10000))
                .then(function () { return receivedOffset(url, token); }).then(from);
            });
        }
        return from(session.offset);
      });
  }

  function enhanceForm(form) {
    var input = form.querySelector("input[type=file]");
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar"), status = document.getElementById("upload-status");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !input.files.length) { return; }
      event.preventDefault();
      var files = Array.prototype.slice.call(input.files), sent = 0, ids = [];
      var total = files.reduce(function (sum, f) { return sum + f.size; }, 0) || 1;
      box.hidden = false;
      files.reduce(function (previous, file) {
        return previous.then(function () {
          return sendFile(file, form, function (offset) {
            bar.value = Math.round(100 * (sent + offset) / total);
            status.textContent = file.name + ": " + bar.value + " %";
          }).then(function (id) { sent += file.size; ids.push(id); });
        });
      }, Promise.resolve()).then(function () {
        ids.forEach(function (id) {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = "session"; hidden.value = id;
          form.appendChild(hidden);
        });
        input.disabled = true;  // the files went in chunks; the form now sends the rest
        form.submit();
      }).catch(function (problem) {
        status.textContent = problem.message;
        status.setAttribute("role", "alert");
      });
    });
  }

  function followJob(box) {
    var bar = document.getElementById("job-bar"), text = document.getElementById("job-text");
    function poll() {
      fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (state.finished) { window.location.reload(); return; }
          if (state.total) {
            bar.max = state.total; bar.value = state.done;
            text.textContent = box.dataset.textProgress.replace("{done}", state.done)
              .replace("{total}", state.total);
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("upload-form");
    if (form) { enhanceForm(form); }
    var box = document.getElementById("job-progress");
    if (box) { followJob(box); }
  });
}());
