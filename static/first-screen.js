// Why: index.html carries a still copy of the page as a first-time visitor sees it, so a phone
// paints it before the wasm is ready (docs/ARCHITECTURE.md, The first screen). A person who has
// used the page before has their own article and settings, not that copy: any key of the
// page's in localStorage marks the document `returning`, and the stylesheet then hides the
// copy and shows the App's own loading line. Run before the body is parsed, so the copy is
// never painted for them. Blocked storage counts as returning (the copy might be wrong).
(function () {
  var returning = false;
  try {
    for (var i = 0; i < localStorage.length; i++) {
      if ((localStorage.key(i) || "").indexOf("sa/") === 0) {
        returning = true;
        break;
      }
    }
  } catch (e) {
    returning = true;
  }
  if (returning) document.documentElement.classList.add("returning");
})();
