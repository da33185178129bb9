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
    // Time zone lists: a search box that narrows the list as you type, and the device's
    // zone picked when none was chosen yet (sign-up, or a profile still on UTC).
    root.querySelectorAll("select.js-zone-select").forEach(function (select) {
      var zone = deviceZone();
      var has = zone && select.querySelector("option[value='" + zone.replace(/'/g, "") + "']");
      if (has && select.value === "UTC") {
        select.value = zone;
      }
      var note = document.createElement("p");
      note.className = "help";
      if (has) {
        note.textContent = select.value === zone
          ? "This is your device's time zone."
          : "Your device says " + zone + ".";
      }
      var search = document.createElement("input");
      search.type = "search";
      search.className = "zone-search";
      search.id = select.id + "_search";
      search.placeholder = "Search: London, Tokyo…";
      search.setAttribute("aria-label", "Search time zones");
      search.setAttribute("aria-controls", select.id);
      search.autocomplete = "off";
      var groups = Array.prototype.map.call(select.children, function (node) {
        return { node: node, options: Array.prototype.slice.call(node.tagName === "OPTGROUP" ? node.children : []) };
      });
      search.addEventListener("input", function () {
        var words = search.value.trim().toLowerCase().replace(/\s+/g, "_");
        var chosen = select.value;
        groups.forEach(function (group) {
          if (group.node.tagName !== "OPTGROUP") {
            return;
          }
          var shown = 0;
          group.node.textContent = "";
          group.options.forEach(function (option) {
            if (!words || option.value.toLowerCase().indexOf(words) !== -1) {
              shown += 1;
              group.node.appendChild(option);
            }
          });
          group.node.hidden = shown === 0;
        });
        var still = select.querySelector("option[value='" + chosen.replace(/'/g, "") + "']");
        if (!still) {
          var first = select.querySelector("optgroup:not([hidden]) option");
          if (first) {
            select.value = first.value;
          }
        }
      });
      select.parentNode.insertBefore(search, select);
      if (note.textContent) {
        select.parentNode.insertBefore(note, select.nextSibling);
      }
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
