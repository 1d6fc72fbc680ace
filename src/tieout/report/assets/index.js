"use strict";
(function () {
  var q = document.getElementById("q");
  var status = document.getElementById("status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#releases tbody tr"));
  function run() {
    var text = q.value.trim().toLowerCase();
    var want = status.value;
    rows.forEach(function (tr) {
      var show = (!want || tr.dataset.status === want) &&
        (!text || tr.textContent.toLowerCase().indexOf(text) >= 0);
      tr.hidden = !show;
    });
  }
  q.addEventListener("input", run);
  status.addEventListener("change", run);
})();
