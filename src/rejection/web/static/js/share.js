// The share page: on devices that can share files (most phones), a Share button per card
// hands the image and the caption to the Web Share API. Elsewhere, and without this
// file, the download links do the job.
(function () {
  "use strict";

  function canShareFiles() {
    if (!navigator.canShare || !navigator.share || typeof File !== "function") {
      return false;
    }
    try {
      return navigator.canShare({ files: [new File([""], "card.png", { type: "image/png" })] });
    } catch (error) {
      return false;
    }
  }

  function enhance(button, caption) {
    var file = null;
    // Fetch the image now: sharing must start straight from the tap, with nothing to wait for.
    fetch(button.dataset.cardUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("card " + response.status);
        }
        return response.blob();
      })
      .then(function (blob) {
        file = new File([blob], button.dataset.cardName, { type: "image/png" });
        button.hidden = !navigator.canShare({ files: [file] });
      })
      .catch(function () {
        button.hidden = true;
      });
    button.addEventListener("click", function () {
      if (!file) {
        return;
      }
      // Cancelling the share sheet rejects the promise; that is fine.
      navigator.share({ files: [file], text: caption ? caption.value : "" }).catch(function () {});
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!canShareFiles()) {
      return;
    }
    var caption = document.getElementById("caption");
    document.querySelectorAll(".js-share").forEach(function (button) {
      enhance(button, caption);
    });
  });

  // Picking a look shows it at once; without this file the "Show this look" button does.
  var themes = document.querySelector(".share-themes");
  if (themes) {
    themes.addEventListener("change", function (event) {
      if (event.target && event.target.name === "theme") {
        themes.submit();
      }
    });
    var button = themes.querySelector(".js-theme-submit");
    if (button) {
      button.hidden = true;
    }
  }
})();
