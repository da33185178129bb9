// Today: "A second ask" opens the folded card it points to (a plain link without JS).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-open-details]");
    if (!link) {
      return;
    }
    var target = document.querySelector(link.getAttribute("href"));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  });
})();
