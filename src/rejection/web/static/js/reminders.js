// Reminders: subscribe this browser to push only after the person taps "turn on".
"use strict";
(function () {
  const box = document.getElementById("push");
  const button = box && box.querySelector(".js-push-on");
  if (!button) {
    return;
  }
  const status = box.querySelector(".js-push-status");
  const say = (text) => {
    status.textContent = text;
  };
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    say("This browser cannot receive push reminders; e-mail or the calendar will work.");
    button.hidden = true;
    return;
  }
  const key = box.dataset.pushKey;
  const keyBytes = () => {
    const padded = (key + "===".slice((key.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  const csrf = () => {
    const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        say("Notifications are blocked for this site; you can allow them in the browser's settings.");
        return;
      }
      const registration = await navigator.serviceWorker.register(document.body.dataset.serviceWorker);
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ||
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes() }));
      const response = await fetch(box.dataset.pushUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify(subscription.toJSON()),
      });
      say(response.ok ? "Turned on. Reminders will arrive on this device." : "That did not work; try again later.");
      box.dataset.subscribed = response.ok ? "yes" : "no";
    } catch (error) {
      say("That did not work here: " + error.message);
    } finally {
      button.disabled = false;
    }
  });
})();
