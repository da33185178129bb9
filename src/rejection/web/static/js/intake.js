// The intake's focus: at most three areas, kept as you tap. With three ticked the others
// are switched off until one is unticked, and a line says how many are chosen. The server
// still checks the same rule (coach.contracts.IntakeAnswers); without this file it says so
// after saving instead.
(function () {
  "use strict";

  function setUp() {
    var counter = document.getElementById("focus-count");
    if (!counter) {
      return;
    }
    var limit = parseInt(counter.getAttribute("data-focus-limit"), 10) || 3;
    var boxes = Array.prototype.slice.call(
      document.querySelectorAll('input[type="checkbox"][name="focus"]')
    );

    function update() {
      var chosen = boxes.filter(function (box) { return box.checked; }).length;
      var full = chosen >= limit;
      boxes.forEach(function (box) {
        box.disabled = full && !box.checked;
        var choice = box.closest(".choice");
        if (choice) {
          choice.classList.toggle("choice--off", box.disabled);
        }
      });
      var words = chosen === 0
        ? ""
        : chosen + " of " + limit + " chosen." +
          (full ? " Untick one to choose a different one." : "");
      counter.textContent = words;
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () { update(); });
    });
    update();
    // Re-enable everything before sending, so what is ticked is exactly what is sent.
    var form = counter.closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        boxes.forEach(function (box) { box.disabled = false; });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
