/* The content calendar's views and filter. The page is complete without this script: it then
   shows the agenda (the week-by-week list), as phones and print always do. With it: a week
   grid, a month grid and the agenda, one at a time; the previous/next buttons move between
   the weeks (or months) of the rolling window; the channel, owner and status filter applies
   to every view. Everything is local to the page (no server, no storage but the chosen view
   in sessionStorage), works with Material's instant navigation (document$) and with plain
   page loads, and with the keyboard (native buttons and selects; arrow keys on the pager). */
(function () {
  "use strict";

  var VIEW_KEY = "smm-calendar-view";

  function remembered() {
    try {
      return window.sessionStorage.getItem(VIEW_KEY);
    } catch (error) {
      return null;
    }
  }

  function remember(view) {
    try {
      window.sessionStorage.setItem(VIEW_KEY, view);
    } catch (error) {
      /* private mode: the view is simply not remembered */
    }
  }

  function setUpViews(root) {
    if (root.dataset.ready) {
      return;
    }
    var toolbar = root.querySelector(".smm-calendar-toolbar");
    var label = root.querySelector(".smm-calendar-pager-label");
    var grids = {
      week: Array.prototype.slice.call(root.querySelectorAll(".smm-calendar-weekgrid")),
      month: Array.prototype.slice.call(root.querySelectorAll(".smm-calendar-monthgrid"))
    };
    var position = {};
    ["week", "month"].forEach(function (view) {
      var current = grids[view].findIndex(function (grid) { return grid.dataset.current === "true"; });
      position[view] = current < 0 ? 0 : current;
    });
    var view = remembered();
    if (view !== "week" && view !== "month" && view !== "agenda") {
      view = "week";
    }

    function show() {
      root.dataset.view = view;
      root.querySelectorAll(".smm-calendar-viewswitch button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.view === view));
      });
      ["week", "month"].forEach(function (kind) {
        grids[kind].forEach(function (grid, index) {
          if (index === position[kind]) {
            grid.dataset.shown = "true";
          } else {
            delete grid.dataset.shown;
          }
        });
      });
      var list = grids[view] || [];
      var shown = list[position[view]];
      var caption = shown ? shown.querySelector("caption") : null;
      label.textContent = caption ? caption.textContent : "";
      root.querySelectorAll(".smm-calendar-pager button").forEach(function (button) {
        var target = position[view] + Number(button.dataset.step);
        button.disabled = !list.length || target < 0 || target >= list.length;
      });
    }

    function step(by) {
      var list = grids[view] || [];
      var target = position[view] + by;
      /* read before show(): Chromium takes the focus off a button as it becomes disabled */
      var focused = document.activeElement;
      if (target >= 0 && target < list.length) {
        position[view] = target;
        show();
      }
      if (focused && focused.disabled && toolbar.contains(focused)) {
        /* at an end of the window the button just used is disabled: keep the focus on the pager */
        var other = toolbar.querySelector(".smm-calendar-pager button:not([disabled])");
        if (other) {
          other.focus();
        }
      }
    }

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !toolbar.contains(button)) {
        return;
      }
      if (button.dataset.view) {
        view = button.dataset.view;
        remember(view);
        show();
      } else if (button.dataset.step) {
        step(Number(button.dataset.step));
      }
    });
    toolbar.addEventListener("keydown", function (event) {
      if (!event.target.closest(".smm-calendar-pager")) {
        return;
      }
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        event.preventDefault();
        step(event.key === "ArrowLeft" ? -1 : 1);
      }
    });
    toolbar.hidden = false;
    root.dataset.ready = "1";
    show();
  }

  function setUpFilter(form) {
    if (form.dataset.ready) {
      return;
    }
    form.dataset.ready = "1";
    form.hidden = false;

    function apply() {
      var channel = form.elements.channel.value;
      var owner = form.elements.owner.value;
      var status = form.elements.status ? form.elements.status.value : "";
      function matches(entry) {
        return (!channel || entry.dataset.channel === channel) &&
               (!owner || entry.dataset.owner === owner) &&
               (!status || entry.dataset.status === status);
      }
      document.querySelectorAll(".smm-calendar-week").forEach(function (week) {
        var shown = 0;
        week.querySelectorAll("tr.smm-calendar-entry").forEach(function (row) {
          var visible = matches(row);
          row.hidden = !visible;
          if (visible) {
            shown += 1;
          }
        });
        week.classList.toggle("smm-calendar-filtered-empty", shown === 0);
        showOverloadsOfShownPeople(week, Boolean(channel || owner));
      });
      document.querySelectorAll(".smm-calendar-views a.smm-card").forEach(function (card) {
        card.hidden = !matches(card);
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

  function setUp() {
    var root = document.querySelector(".smm-calendar-views");
    if (root) {
      setUpViews(root);
    }
    var form = document.querySelector("form.smm-calendar-filter");
    if (form) {
      setUpFilter(form);
    }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
