// Numbers from the data: Escape closes an open source-sentence tooltip; on a source text page,
// the quote of the row named in the address (#zz2021-037) is highlighted.
(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".zz-numwrap").forEach(function (wrap) {
      if (wrap.matches(":hover") || wrap.contains(document.activeElement)) wrap.classList.add("zz-dismissed");
    });
  });
  function reopen(event) {
    var wrap = event.target.closest && event.target.closest(".zz-numwrap");
    if (wrap) wrap.classList.remove("zz-dismissed");
  }
  document.addEventListener("focusin", reopen);
  document.addEventListener("mouseover", reopen);
  function highlight() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    document.querySelectorAll("mark.zz-quote.zz-current").forEach(function (m) { m.classList.remove("zz-current"); });
    if (!id) return;
    document.querySelectorAll("mark.zz-quote").forEach(function (m) {
      if ((m.getAttribute("data-rows") || "").split(" ").indexOf(id) >= 0) m.classList.add("zz-current");
    });
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
})();
