// Photos and videos: an upload that shows its progress (XMLHttpRequest upload events), tapping
// a face on the review to keep or blur it, and sharing the story image or clip through the
// phone's share sheet. Without this file the forms post as usual and the links download.
(function () {
  "use strict";

  function percentOf(event) {
    return event.lengthComputable ? Math.round((100 * event.loaded) / event.total) : 0;
  }

  function enhanceUpload(form) {
    var bar = form.querySelector("progress");
    var box = form.querySelector("[data-media-progress]");
    var label = form.querySelector("[data-media-percent]");
    var error = form.querySelector("[data-media-error]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      if (!input.files || !input.files.length) {
        return; // the browser says the file is required
      }
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.responseType = "json";
      box.hidden = false;
      error.hidden = true;
      button.disabled = true;
      request.upload.addEventListener("progress", function (progress) {
        var percent = percentOf(progress);
        bar.value = percent;
        bar.textContent = percent + "%";
        label.textContent = percent + "%";
      });
      request.addEventListener("load", function () {
        var body = request.response || {};
        if (request.status >= 200 && request.status < 300 && body.url) {
          window.location.assign(body.url);
          return;
        }
        button.disabled = false;
        box.hidden = true;
        error.textContent =
          body.error ||
          (request.status === 413
            ? "This file is too large to upload."
            : "The upload did not work; try again.");
        error.hidden = false;
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        box.hidden = true;
        error.textContent = "The upload was cut off. Check your connection and try again.";
        error.hidden = false;
      });
      request.send(new FormData(form));
    });
  }

  function enhanceFaces() {
    document.querySelectorAll(".face[data-face]").forEach(function (face) {
      face.addEventListener("click", function () {
        var form = document.getElementById("face-form-" + face.dataset.face);
        var button = form && form.querySelector("button");
        if (button && !button.disabled) {
          form.requestSubmit ? form.requestSubmit() : form.submit();
        }
      });
    });
  }

  function enhanceShare(button) {
    if (!navigator.canShare || !navigator.share || typeof File !== "function") {
      return;
    }
    var caption = document.getElementById("caption");
    var file = null;
    fetch(button.dataset.fileUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("file " + response.status);
        }
        return response.blob();
      })
      .then(function (blob) {
        file = new File([blob], button.dataset.fileName, { type: button.dataset.fileType });
        button.hidden = !navigator.canShare({ files: [file] });
      })
      .catch(function () {
        button.hidden = true;
      });
    button.addEventListener("click", function () {
      if (file) {
        navigator.share({ files: [file], text: caption ? caption.value : "" }).catch(function () {});
      }
    });
  }

  // A video's face: jump to where it is clearest, pause, and outline it there.
  function enhanceShowFace(button) {
    var video = document.getElementById("review-video");
    if (!video) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      document.querySelectorAll("[data-mark]").forEach(function (mark) {
        mark.classList.toggle("face--off", mark.dataset.mark !== button.dataset.faceId);
      });
      video.pause();
      video.currentTime = parseFloat(button.dataset.seconds) || 0;
    });
    video.addEventListener("play", function () {
      document.querySelectorAll("[data-mark]").forEach(function (mark) {
        mark.classList.add("face--off");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-show-face").forEach(enhanceShowFace);
    document.querySelectorAll("form[data-media-upload]").forEach(enhanceUpload);
    enhanceFaces();
    document.querySelectorAll(".js-share-media").forEach(enhanceShare);
  });
})();
