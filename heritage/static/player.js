/* The item page's recording player: seeking in place, the followed transcript, the waveform
 * and the keyboard.
 *
 * Progressive enhancement: the native <audio>/<video> controls stay the player, and every
 * time link is a real link (?t=) that reloads the page at that moment. This script makes
 * those links seek without leaving the page, marks the cue and the index part now playing,
 * keeps the transcript scrolled to it, draws the waveform and adds a few keys. Its strings
 * come from data-label-* attributes (translated by the page), so there is no inline script.
 */
(function () {
  "use strict";

  var RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var LEAD = 0.15; // a ?t= link rounds down to tenths: count a cue as current that far early
  var TYPING = /^(input|textarea|select)$/i;

  function fill(label, values) {
    return (label || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor(s / 60) % 60;
    var rest = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + rest : m + ":" + rest;
  }

  // the index of the last start at or before t (starts are sorted), or -1
  function lastAtOrBefore(starts, t) {
    var low = 0;
    var high = starts.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (starts[middle] <= t) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* The cues (or index parts) of a section, marking the one now playing. */
  function Track(items, box) {
    this.items = items;
    this.starts = items.map(function (li) { return parseFloat(li.dataset.start); });
    this.box = box;
    this.current = -1;
  }

  Track.prototype.mark = function (t, follow) {
    var index = lastAtOrBefore(this.starts, t + LEAD);
    if (index === this.current) {
      return;
    }
    if (this.current >= 0) {
      this.items[this.current].classList.remove("is-current");
      this.items[this.current].removeAttribute("aria-current");
    }
    this.current = index;
    if (index < 0) {
      return;
    }
    var item = this.items[index];
    item.classList.add("is-current");
    item.setAttribute("aria-current", "true");
    if (this.box && follow) {
      this.reveal(item);
    }
  };

  // scroll only the transcript box (never the page the reader may be reading elsewhere)
  Track.prototype.reveal = function (item) {
    var box = this.box;
    var top = item.offsetTop;
    var bottom = top + item.offsetHeight;
    if (top >= box.scrollTop && bottom <= box.scrollTop + box.clientHeight) {
      return;
    }
    var target = Math.max(0, top - box.clientHeight / 3);
    box.scrollTo({ top: target, behavior: reducedMotion() ? "auto" : "smooth" });
  };

  function Player(section) {
    var wrap = section.querySelector("[data-player]");
    this.section = section;
    this.wrap = wrap;
    this.labels = wrap.dataset;
    this.media = wrap.querySelector("audio, video");
    this.status = wrap.querySelector(".player-status");
    var box = section.querySelector("ol.transcript");
    this.cues = new Track(Array.prototype.slice.call(section.querySelectorAll("ol.transcript > li[data-start]")), box);
    this.segments = new Track(Array.prototype.slice.call(section.querySelectorAll("ol.segments > li[data-start]")), null);
    this.follow = section.querySelector(".follow-toggle");
    this.busy = false; // the reader is scrolling or pointing in the transcript
    this.busyTimer = null;
    this.peaks = null;
    this.canvas = null;
    this.wire(box);
  }

  Player.prototype.say = function (text) {
    // cleared first so the same words said twice are announced twice
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  Player.prototype.following = function () {
    return (!this.follow || this.follow.checked) && !this.busy;
  };

  Player.prototype.update = function () {
    var t = this.media.currentTime;
    this.cues.mark(t, this.following());
    this.segments.mark(t, false);
    this.draw();
  };

  Player.prototype.seek = function (seconds, play) {
    var media = this.media;
    var end = isFinite(media.duration) ? media.duration : Infinity;
    media.currentTime = Math.min(Math.max(0, seconds), end);
    if (play && media.paused) {
      var started = media.play();
      if (started && started.catch) {
        started.catch(function () { /* the browser wants a gesture first: the reader presses play */ });
      }
    }
    this.update();
    this.remember(media.currentTime);
    this.say(fill(this.labels.labelJumped, { time: clock(media.currentTime) }));
  };

  // the address keeps the moment, so a reload or a shared link starts there too
  Player.prototype.remember = function (seconds) {
    if (!window.history || !window.history.replaceState || !window.URL) {
      return;
    }
    var url = new URL(window.location.href);
    url.searchParams.set("t", String(Math.floor(seconds * 10) / 10));
    url.hash = this.section.id;
    window.history.replaceState(window.history.state, "", url.toString());
  };

  Player.prototype.rate = function (step) {
    var media = this.media;
    var index = RATES.indexOf(media.playbackRate);
    if (index < 0) {
      index = RATES.indexOf(1);
    }
    index = Math.min(RATES.length - 1, Math.max(0, index + step));
    media.playbackRate = RATES[index];
    var lang = document.documentElement.lang || undefined;
    this.say(fill(this.labels.labelSpeed, { rate: RATES[index].toLocaleString(lang) }));
  };

  Player.prototype.toggle = function () {
    var media = this.media;
    if (media.paused) {
      var started = media.play();
      if (started && started.catch) {
        started.catch(function () {});
      }
    } else {
      media.pause();
    }
  };

  Player.prototype.key = function (event) {
    var target = event.target;
    if (event.ctrlKey || event.altKey || event.metaKey || TYPING.test(target.tagName) ||
        target.isContentEditable) {
      return;
    }
    var onMedia = target === this.media; // the native controls already take Space and arrows
    var onControl = /^(button|summary|a)$/i.test(target.tagName);
    var key = event.key;
    var t = this.media.currentTime;
    if ((key === " " && !onMedia && !onControl) || key === "k" || key === "K") {
      this.toggle();
    } else if (key === "ArrowLeft" && !onMedia) {
      this.seek(t - 5, false);
    } else if (key === "ArrowRight" && !onMedia) {
      this.seek(t + 5, false);
    } else if (key === "j" || key === "J") {
      this.seek(t - 10, false);
    } else if (key === "l" || key === "L") {
      this.seek(t + 10, false);
    } else if (key === ",") {
      this.rate(-1);
    } else if (key === ".") {
      this.rate(1);
    } else {
      return;
    }
    event.preventDefault();
  };

  Player.prototype.wire = function (box) {
    var self = this;
    var media = this.media;
    var start = parseFloat(this.wrap.dataset.start);
    if (!isNaN(start)) {
      var begin = function () {
        if (Math.abs(media.currentTime - start) > 0.05) {
          media.currentTime = start;
        }
        self.update();
      };
      if (media.readyState >= 1) {
        begin();
      } else {
        media.addEventListener("loadedmetadata", begin, { once: true });
      }
    }
    media.addEventListener("timeupdate", function () { self.update(); });
    media.addEventListener("seeked", function () { self.update(); });
    media.addEventListener("play", function () {
      self.say(fill(self.labels.labelPlaying, { time: clock(media.currentTime) }));
    });
    media.addEventListener("pause", function () {
      if (!media.ended) {
        self.say(fill(self.labels.labelPaused, { time: clock(media.currentTime) }));
      }
    });
    this.section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-seek]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return; // a new tab or window still gets the real link
      }
      event.preventDefault();
      self.seek(parseFloat(link.dataset.seek), true);
    });
    this.section.addEventListener("keydown", function (event) { self.key(event); });
    if (box) {
      this.watchReader(box);
    }
    this.showExtras();
    if (this.wrap.dataset.peaks) {
      this.waveform(this.wrap.dataset.peaks);
    }
  };

  // while the reader scrolls or points in the transcript, it does not move under them
  Player.prototype.watchReader = function (box) {
    var self = this;
    var busy = function () {
      self.busy = true;
      window.clearTimeout(self.busyTimer);
      self.busyTimer = window.setTimeout(function () { self.busy = false; }, 4000);
    };
    ["wheel", "touchstart", "pointerdown", "keydown"].forEach(function (name) {
      box.addEventListener(name, busy, { passive: true });
    });
    box.addEventListener("focusin", busy);
  };

  Player.prototype.showExtras = function () {
    var follow = this.section.querySelector(".follow");
    var keys = this.wrap.querySelector(".player-keys");
    if (follow) {
      follow.hidden = false;
    }
    if (keys) {
      keys.hidden = false;
    }
    var self = this;
    if (this.follow) {
      this.follow.addEventListener("change", function () {
        self.busy = false;
        if (self.follow.checked && self.cues.current >= 0) {
          self.cues.reveal(self.cues.items[self.cues.current]);
        }
      });
    }
  };

  Player.prototype.waveform = function (url) {
    var self = this;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (peaks) {
        if (!Array.isArray(peaks) || !peaks.length) {
          return;
        }
        var canvas = document.createElement("canvas");
        canvas.className = "waveform";
        canvas.setAttribute("aria-hidden", "true"); // the native controls and the keys seek for everyone
        self.media.insertAdjacentElement("afterend", canvas);
        self.canvas = canvas;
        self.peaks = peaks;
        canvas.addEventListener("click", function (event) {
          var box = canvas.getBoundingClientRect();
          if (isFinite(self.media.duration) && box.width) {
            self.seek((event.clientX - box.left) / box.width * self.media.duration, false);
          }
        });
        window.addEventListener("resize", function () { self.draw(); });
        self.draw();
      })
      .catch(function () { /* no waveform: the player works without it */ });
  };

  Player.prototype.draw = function () {
    var canvas = this.canvas;
    var peaks = this.peaks;
    if (!canvas || !peaks) {
      return;
    }
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    var height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    var context = canvas.getContext("2d");
    var duration = this.media.duration;
    var played = isFinite(duration) && duration > 0 ? this.media.currentTime / duration : 0;
    var bars = Math.max(1, Math.floor(width / (3 * ratio)));
    var barWidth = width / bars;
    context.clearRect(0, 0, width, height);
    for (var i = 0; i < bars; i += 1) {
      var peak = peaks[Math.floor(i / bars * peaks.length)] || 0;
      var h = Math.max(ratio, peak * height);
      context.fillStyle = (i + 0.5) / bars <= played ? "#7a2e12" : "#9c9683";
      context.fillRect(i * barWidth, (height - h) / 2, Math.max(1, barWidth - ratio), h);
    }
  };

  document.querySelectorAll("section.recording").forEach(function (section) {
    if (section.querySelector("[data-player] audio, [data-player] video")) {
      new Player(section); // eslint-disable-line no-new
    }
  });
}());
