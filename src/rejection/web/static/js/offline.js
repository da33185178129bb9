// Offline: register the service worker, ready a page kept on the phone for use with no
// connection, and send the asks logged offline once a page loads online again.
(function () {
  "use strict";

  var body = document.body;
  var keptAt = body.dataset.offlineCopy;
  var isCopy = keptAt !== undefined;
  // The offline page the worker shows for a page it has no copy of.
  var isShell = body.dataset.offlineShell !== undefined;
  var OWNER_KEY = "rt-offline-owner";
  var SENT_KEY = "rt-offline-sent";
  // That page may have been kept before sign-in; the last signed-in account is remembered.
  var owner = body.dataset.owner || (isShell ? localStorage.getItem(OWNER_KEY) || "" : "");
  // Pages that only show data: reloading them after sending loses nothing typed.
  var RELOADABLE = ["/today/", "/journal/", "/progress/", "/offline/"];

  // A line at the top of the page, or, with `near`, right after the form that was used,
  // where the eye already is (replacing the line left there by an earlier try).
  function notice(text, link, near) {
    var main = document.getElementById("main");
    if (!main) {
      return;
    }
    var spot = near ? near.closest("form") || near : null;
    if (spot && spot.nextElementSibling && spot.nextElementSibling.matches(".offline-notice")) {
      spot.nextElementSibling.remove();
    }
    var box = document.createElement("p");
    box.className = "message message--info offline-notice";
    box.setAttribute("role", "status");
    box.textContent = text;
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(anchor);
    }
    if (spot) {
      spot.insertAdjacentElement("afterend", box);
    } else {
      main.insertBefore(box, main.firstChild);
    }
  }

  function newKey() {
    if (self.crypto && crypto.randomUUID) {
      return crypto.randomUUID().replace(/-/g, "");
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  // "YYYY-MM-DDTHH:MM" for now in the given zone, the format of the form's "When".
  function localNow(zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone || undefined,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date())
      .forEach(function (part) {
        parts[part.type] = part.value;
      });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  }

  function keptTime(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) {
      return "";
    }
    var time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    if (when.toDateString() === new Date().toDateString()) {
      return time;
    }
    return when.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" }) + " " + time;
  }

  // A kept copy is the page as it was: give each of its forms a fresh key (one page can
  // log several asks offline), and the time the ask is logged unless the user set one.
  function readyCopy() {
    document.querySelectorAll(".messages").forEach(function (old) {
      old.remove();
    });
    if (isShell) {
      return; // the offline page says why it is showing
    }
    var at = keptTime(keptAt);
    notice(
      "You're offline. This page is as it was" +
        (at ? " at " + at : "") +
        ". Anything you log now is kept on this phone and sent when you're back online."
    );
    document.querySelectorAll("form").forEach(function (form) {
      var key = form.querySelector("input[name='idempotency_key']");
      var when = form.querySelector("input[name='occurred_at']");
      var touched = false;
      if (key) {
        key.value = newKey();
        window.addEventListener("pageshow", function (event) {
          if (event.persisted) {
            key.value = newKey();
          }
        });
      }
      if (when) {
        when.addEventListener("input", function () {
          touched = true;
        });
        when.value = localNow(form.dataset.tz);
      }
      form.addEventListener("submit", function () {
        if (when && !touched) {
          when.value = localNow(form.dataset.tz);
        }
      });
    });
  }

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // Send one kept ask the way its form would have. The answer says what became of it:
  // { state: "sent", line } (its own celebration line), "refused" with the reason, etc.
  function send(item) {
    var fields = new URLSearchParams(item.body);
    fields.set("csrfmiddlewaretoken", csrfToken());
    return fetch(item.path, {
      method: "POST",
      body: fields,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Kept-Offline": "1",
      },
    }).then(function (response) {
      if (response.status === 204) {
        return { state: "sent" }; // saved before (the same key): it is there already
      }
      if (new URL(response.url).pathname.indexOf("/accounts/") === 0) {
        return { state: "signed-out" }; // sent to the log-in page
      }
      if (response.status === 200 || response.status === 400) {
        return response.json().then(
          function (data) {
            if (response.status === 200) {
              return { state: "sent", line: data.line || "", milestones: data.milestones || [] };
            }
            return { state: "refused", reason: firstReason(data.errors) };
          },
          function () {
            return { state: response.status === 200 ? "sent" : "refused", reason: "" };
          }
        );
      }
      return { state: "error " + response.status };
    });
  }

  function firstReason(errors) {
    var names = Object.keys(errors || {});
    for (var i = 0; i < names.length; i += 1) {
      if (errors[names[i]] && errors[names[i]].length) {
        return String(errors[names[i]][0]);
      }
    }
    return "";
  }

  // Send this account's waiting asks, oldest first; stop at the first sign of no
  // connection or of being signed out, and try again on the next page. Each ask sent
  // keeps its own line; each one refused stays on the phone with its reason.
  async function sendKept() {
    if (!window.RTQueue) {
      return null;
    }
    // One the form refused would be refused again: it waits for the person instead.
    var mine = (await RTQueue.all()).filter(function (item) {
      return item.owner === owner && item.problem !== "refused";
    });
    var done = { sent: [], refused: [], stuck: 0 };
    for (var i = 0; i < mine.length; i += 1) {
      var item = mine[i];
      var result;
      try {
        result = await send(item);
      } catch (error) {
        break; // no connection after all
      }
      if (result.state === "signed-out") {
        break;
      }
      if (result.state === "sent") {
        done.sent.push({ ask: item.ask || "An ask from the deck", line: result.line || "", milestones: result.milestones || [] });
        await RTQueue.remove(item.id);
      } else if (result.state === "refused") {
        item.problem = "refused";
        item.reason = result.reason || "";
        await RTQueue.update(item);
        done.refused.push({ id: item.id, ask: item.ask || "An ask from the deck", reason: item.reason });
      } else {
        done.stuck += 1;
        item.problem = result.state;
        await RTQueue.update(item);
      }
    }
    return done;
  }

  function afterSending(result) {
    if (!result) {
      return;
    }
    var report = { sent: result.sent, refused: result.refused };
    if (result.sent.length > 0 && RELOADABLE.indexOf(location.pathname) !== -1) {
      // The page reloads to show the new figures; what happened to each ask waits for it.
      sessionStorage.setItem(SENT_KEY, JSON.stringify(report));
      location.reload();
      return;
    }
    showReport(report);
    if (result.stuck > 0) {
      notice(
        result.stuck === 1
          ? "One ask kept on this phone could not be sent yet. It is tried again next time."
          : result.stuck + " asks kept on this phone could not be sent yet. They are tried again next time.",
        { href: body.dataset.offlinePage, text: "See what is waiting" }
      );
    }
  }

  // One box at the top of the page: each ask sent with its own line, and each one refused
  // beside them with its reason and a link to it.
  function showReport(report) {
    var main = document.getElementById("main");
    if (!main || (!report.sent.length && !report.refused.length)) {
      return;
    }
    var box = document.createElement("div");
    box.className = "message message--info offline-report";
    box.setAttribute("role", "status");
    var title = document.createElement("p");
    title.className = "offline-report__title";
    title.textContent = sentText(report.sent.length, report.refused.length);
    box.appendChild(title);
    var list = document.createElement("ul");
    list.className = "offline-report__list";
    report.sent.forEach(function (item) {
      var row = document.createElement("li");
      row.className = "offline-report__sent";
      var what = document.createElement("strong");
      what.textContent = item.ask;
      row.appendChild(what);
      row.appendChild(document.createTextNode(item.line ? ": " + item.line : ": saved."));
      (item.milestones || []).forEach(function (line) {
        var badge = document.createElement("span");
        badge.className = "offline-report__milestone";
        badge.textContent = " " + line;
        row.appendChild(badge);
      });
      list.appendChild(row);
    });
    report.refused.forEach(function (item) {
      var row = document.createElement("li");
      row.className = "offline-report__refused";
      var what = document.createElement("strong");
      what.textContent = "Not sent: " + item.ask;
      row.appendChild(what);
      row.appendChild(
        document.createTextNode(". " + (item.reason || "The log form would not take it as it was.") + " ")
      );
      var anchor = document.createElement("a");
      anchor.href = body.dataset.offlinePage + "#kept-" + item.id;
      anchor.textContent = "See it and fix it";
      row.appendChild(anchor);
      list.appendChild(row);
    });
    box.appendChild(list);
    main.insertBefore(box, main.firstChild);
  }

  function sentText(count, refused) {
    var sent =
      count === 0
        ? ""
        : count === 1
          ? "Sent the ask you logged while offline."
          : "Sent the " + count + " asks you logged while offline.";
    if (!refused) {
      return sent;
    }
    var stuck = refused === 1 ? "One could not be sent." : refused + " could not be sent.";
    return (sent ? sent + " " : "") + stuck;
  }

  // The offline page: what is waiting on this phone, and why the page is showing.
  function showKeptPage() {
    var list = document.getElementById("kept-asks");
    if (!list || !window.RTQueue) {
      return;
    }
    var params = new URLSearchParams(location.search);
    var reason = "idle";
    if (params.get("kept") === "1") {
      reason = "kept";
    } else if (params.get("unsent") === "1") {
      reason = "unsent";
    } else if (location.pathname !== body.dataset.offlinePage) {
      reason = "not-kept";
    }
    document.querySelectorAll("[data-reason]").forEach(function (part) {
      part.hidden = part.dataset.reason !== reason;
    });
    RTQueue.all().then(function (items) {
      var mine = items.filter(function (item) {
        return item.owner === owner;
      });
      var count = document.getElementById("kept-count");
      count.textContent =
        mine.length === 0
          ? "Nothing is waiting to be sent."
          : mine.length === 1
            ? "1 ask is waiting to be sent."
            : mine.length + " asks are waiting to be sent.";
      list.textContent = "";
      mine.forEach(function (item) {
        var row = document.createElement("li");
        row.id = "kept-" + item.id;
        var what = document.createElement("strong");
        what.textContent = item.ask || "An ask from the deck";
        row.appendChild(what);
        var detail = document.createElement("span");
        detail.className = "muted";
        detail.textContent =
          " · " + (item.outcome || "").replace("_", " ") + " · kept " + keptTime(item.keptAt);
        row.appendChild(detail);
        if (item.problem) {
          var problem = document.createElement("p");
          problem.className = "kept-asks__problem";
          problem.textContent =
            item.problem === "refused"
              ? (item.reason ? item.reason + " " : "") +
                "The log form would not take this one as it was. Log it again from the log form, then remove it here."
              : "The app had trouble saving this one. It is tried again each time you open the app.";
          row.appendChild(problem);
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn--small";
          remove.textContent = "Remove from this phone";
          remove.addEventListener("click", function () {
            RTQueue.remove(item.id).then(showKeptPage);
          });
          row.appendChild(remove);
        }
        list.appendChild(row);
      });
      // Led here from a page that could not send one: show that one.
      var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
      if (target) {
        target.classList.add("kept-asks__target");
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  function keepLinkedPages() {
    var urls = Array.prototype.map.call(
      document.querySelectorAll("a[data-keep-offline]"),
      function (anchor) {
        return anchor.href;
      }
    );
    urls.push(new URL(body.dataset.offlinePage, location.href).href);
    if (navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "keep", urls: urls });
    }
  }

  if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
    navigator.serviceWorker.register(body.dataset.serviceWorker).catch(function () {
      return undefined; // the app works without it, just not offline
    });
    if (owner && !isCopy) {
      navigator.serviceWorker.ready.then(keepLinkedPages);
    }
  }

  // A button that updates part of a page (another card, a star) with no connection, or
  // whose answer is an error: HTMX swaps nothing then, so say what happened.
  document.addEventListener("htmx:sendError", function (event) {
    notice(
      "No connection, so that did not happen. Try again when you're back online.",
      null,
      event.detail.elt
    );
  });
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var text =
      status === 429
        ? "That was a lot of tries in a short time. Wait a minute, then try again."
        : status === 413
          ? "That was too much to send in one go, so nothing was saved."
          : "Something went wrong on our side, so that did not happen. Please try again.";
    notice(text, null, event.detail.elt);
  });

  if (isCopy) {
    readyCopy();
  } else if (owner) {
    localStorage.setItem(OWNER_KEY, owner);
    var already = sessionStorage.getItem(SENT_KEY);
    if (already) {
      sessionStorage.removeItem(SENT_KEY);
      try {
        showReport(JSON.parse(already));
      } catch (error) {
        // an older page's count: nothing to show beyond it
      }
    }
    var sendAndSay = function () {
      sendKept()
        .then(afterSending)
        .catch(function () {
          return undefined; // IndexedDB unavailable (a private window, say): nothing kept
        });
    };
    sendAndSay();
    window.addEventListener("online", sendAndSay);
  } else if (window.caches) {
    // Signed out: pages kept for the last account (the worker's PAGES cache) must not stay
    // on a shared device. The worker deletes them after any copy it is still writing;
    // deleting here as well covers a page the worker does not control.
    localStorage.removeItem(OWNER_KEY);
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    caches.delete("rt-pages");
  }
  showKeptPage();
})();
