// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  function deviceZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function enhance(root) {
    // Sign-up: fill the time zone from the device when it is empty or the UTC default.
    root.querySelectorAll("form.js-detect-tz input[name='timezone']").forEach(function (input) {
      var zone = deviceZone();
      if (zone && (!input.value || input.value === "UTC")) {
        input.value = zone;
      }
    });

    // Settings: offer the device's zone as a one-tap choice.
    root.querySelectorAll(".js-use-device-tz").forEach(function (button) {
      var zone = deviceZone();
      var input = button.form && button.form.querySelector("input[name='timezone']");
      if (!zone || !input || input.value === zone) {
        return;
      }
      button.textContent = "Use this device's time zone (" + zone + ")";
      button.hidden = false;
      button.addEventListener("click", function () {
        input.value = zone;
        input.focus();
        button.hidden = true;
      });
    });

    // Token page: a copy button.
    root.querySelectorAll(".js-copy").forEach(function (button) {
      var target = document.getElementById(button.dataset.copyTarget);
      if (!target || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.value).then(function () {
          button.textContent = "Copied";
        });
      });
    });

    // After a failed submit, move focus to the error summary so it is read out.
    var summary = root.querySelector("[data-focus]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
})();
