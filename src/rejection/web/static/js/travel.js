// Travel: when this device's time zone is not the profile's, offer a one-tap switch.
// Loaded right after the prompt, not deferred: shown before the page below it is drawn,
// the prompt pushes nothing down (no layout shift).
"use strict";
(function () {
  const prompt = document.getElementById("travel");
  if (!prompt) {
    return;
  }
  let here = "";
  try {
    here = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!here || here === prompt.dataset.profileZone || sessionStorage.getItem("rt-travel-no") === here) {
    return;
  }
  prompt.querySelector("input[name=timezone]").value = here;
  prompt.querySelector(".js-travel-zone").textContent = here;
  prompt.querySelector("input[name=next]").value = location.pathname;
  prompt.querySelector(".js-travel-no").addEventListener("click", () => {
    sessionStorage.setItem("rt-travel-no", here);
    prompt.hidden = true;
  });
  prompt.hidden = false;
})();
