/* Optional filtering of the content calendar by channel and owner. The page is complete
   without it: the filter form stays hidden unless this script runs. Works with Material's
   instant navigation (document$) and with plain page loads. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form.smm-calendar-filter");
    if (!form || form.dataset.ready) {
      return;
    }
    form.dataset.ready = "1";
    form.hidden = false;

    function apply() {
      var channel = form.elements.channel.value;
      var owner = form.elements.owner.value;
      document.querySelectorAll(".smm-calendar-week").forEach(function (week) {
        var shown = 0;
        week.querySelectorAll("tr.smm-calendar-entry").forEach(function (row) {
          var visible = (!channel || row.dataset.channel === channel) &&
                        (!owner || row.dataset.owner === owner);
          row.hidden = !visible;
          if (visible) {
            shown += 1;
          }
        });
        week.classList.toggle("smm-calendar-filtered-empty", shown === 0);
        showOverloadsOfShownPeople(week, Boolean(channel || owner));
      });
    }

    // A week's over-capacity notice names people; a filter that hides all of a person's
    // entries that week hides their line too (and the notice when no line is left).
    function showOverloadsOfShownPeople(week, filtered) {
      var notice = week.querySelector(".smm-calendar-overload");
      if (!notice) {
        return;
      }
      var left = 0;
      notice.querySelectorAll("li[data-owner]").forEach(function (line) {
        var visible = !filtered || Array.prototype.some.call(
          week.querySelectorAll("tr.smm-calendar-entry:not([hidden])"),
          function (row) { return row.dataset.owner === line.dataset.owner; });
        line.hidden = !visible;
        if (visible) {
          left += 1;
        }
      });
      notice.hidden = left === 0;
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
