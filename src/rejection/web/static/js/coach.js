// The intake: show each slider's value as it moves. Without this file the number under
// the slider and the tick marks still say where it sits.
(function () {
  "use strict";

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || input.type !== "range" || !input.id) {
      return;
    }
    var output = document.getElementById(input.id + "-value");
    if (output) {
      output.textContent = input.value;
    }
  });
})();
