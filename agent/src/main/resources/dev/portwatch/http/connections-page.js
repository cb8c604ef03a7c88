// The live part of portwatch's page: every 2 s it reads /connections.json with the page's own query string (so the
// same validated filter) and rebuilds the rows. Values reach the page only as text (textContent), never as markup.
// A click on a column header sorts the rows; the sort is kept in sessionStorage, so refreshes and reloads keep it.
(() => {
  "use strict";
  const REFRESH_MS = 2000;
  const SORT_STORAGE = "portwatch.sort";
  const table = document.getElementById("connections");
  const headers = Array.from(table.tHead.rows[0].cells);
  const rowsBody = document.getElementById("rows");
  const errorsBody = document.getElementById("error-rows");
  const errorHeaders = Array.from(document.getElementById("errors").tHead.rows[0].cells);
  const summary = document.getElementById("summary");
  const context = document.getElementById("context");
  const status = document.getElementById("status");
  const form = document.getElementById("filters");
  const DOT = " \u00b7 ";

  const WILDCARD = /^(0\.0\.0\.0|[0:]+)$/;
  const endpoint = (address, port) =>
    (WILDCARD.test(address) ? "*" : address.includes(":") ? "[" + address + "]" : address) + ":" + port;
  const serverSide = r => r.role === "outbound" ? r.remote : r.local;
  const portTitle = end => end ? end.portClass + (end.ephemeral ? ", ephemeral" : "") : "";
  // As the server's Html.escape: control and bidi characters (ESC, U+009B, U+202E, ...) shown as \uXXXX, so a
  // hostile name can neither hide in a cell nor make the page show it in another order than it is.
  const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
  const printable = text => String(text).replace(UNSAFE, c => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  const dash = value => value === null || value === undefined || value === "" ? "-" : String(value);
  // A thread's name reads "thread <name>", not like code, as the server renders it.
  const opener = r => r.openedByKind === "thread" ? "thread " + dash(r.openedBy) : dash(r.openedBy);

  // What each column (by its header's data-key) shows, as the server renders it, and what it sorts by.
  const COLUMNS = {
    proto: { text: r => r.transport + (r.family === "ipv6" ? "6" : "") },
    local: {
      text: r => r.local ? endpoint(r.local.address, r.local.port) : "-",
      sort: r => r.local ? r.local.port : -1,
      title: r => portTitle(r.local)
    },
    foreign: {
      text: r => r.remote ? endpoint(r.remote.address, r.remote.port) : "*:*",
      sort: r => r.remote ? r.remote.port : -1,
      title: r => portTitle(r.remote)
    },
    host: { text: r => dash(r.remote && r.remote.host) },
    state: { text: r => r.state + (r.dead ? " (" + r.dead + ")" : "") },
    kernel: {
      text: r => r.kernel ? r.kernel.state + (r.kernel.receiveQueue > 0 ? " recv " + r.kernel.receiveQueue : "")
          + (r.kernel.sendQueue > 0 ? " send " + r.kernel.sendQueue : "") : "-"
    },
    role: { text: r => r.role },
    service: { text: r => dash(serverSide(r) && serverSide(r).service) },
    connect: {
      text: r => r.connectSeconds === null ? "-" : (r.connectSeconds * 1000).toFixed(1) + " ms",
      sort: r => r.connectSeconds === null ? -1 : r.connectSeconds
    },
    bytesIn: { text: r => dash(r.bytesIn), sort: r => r.bytesIn === null ? -1 : r.bytesIn },
    bytesOut: { text: r => dash(r.bytesOut), sort: r => r.bytesOut === null ? -1 : r.bytesOut },
    api: { text: r => dash(r.api) },
    thread: { text: r => dash(r.thread) },
    openedBy: {
      text: r => r.agent ? "portwatch endpoint" : r.source === "kernel" ? "(seen by the kernel only)" : opener(r)
    },
    openedAt: { text: r => dash(r.openedAt), sort: r => r.openedAt ? Date.parse(r.openedAt) : 0 }
  };

  const ERROR_CELLS = [
    e => e.operation,
    e => e.transport,
    e => e.address === null ? "-" : endpoint(e.address, e.port),
    e => dash(e.host),
    e => e.errorType + (e.message === null ? "" : ": " + e.message),
    e => e.durationSeconds === null ? "-" : (e.durationSeconds * 1000).toFixed(1) + " ms",
    e => e.time,
    e => opener(e)
  ];

  let sort = null;
  try {
    const saved = JSON.parse(sessionStorage.getItem(SORT_STORAGE));
    if (saved && COLUMNS[saved.key] && (saved.dir === 1 || saved.dir === -1)) {
      sort = saved;
    }
  } catch (unavailable) {
    // no storage: the sort lasts as long as the page
  }
  let latest = null; // the last /connections.json
  let refreshes = 0;

  function compare(a, b) {
    const column = COLUMNS[sort.key];
    const value = column.sort || column.text;
    const x = value(a), y = value(b);
    const order = typeof x === "number" && typeof y === "number"
      ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return order * sort.dir || a.id - b.id;
  }

  // As on the server: a time cell shows the time of day (to the second) and has the whole instant as its title; a
  // code cell (pkg.Class.method(File.java:12)) may wrap after the dots of the method's name and before its
  // parenthesis: text nodes with <wbr> elements between them.
  function cell(tr, th, value) {
    const text = printable(value);
    const td = tr.insertCell();
    td.className = th.className;
    if (td.className === "time") {
      td.title = text;
      const t = text.indexOf("T");
      td.textContent = text.slice(t + 1, t + 9);
    } else if (td.className === "code") {
      const paren = text.indexOf("(");
      const parts = (paren < 0 ? text : text.slice(0, paren)).split(/(?<=\.)/);
      if (paren >= 0) {
        parts.push(text.slice(paren));
      }
      parts.forEach((part, i) => {
        if (i > 0) {
          td.append(document.createElement("wbr"));
        }
        td.append(part);
      });
    } else {
      td.textContent = text;
    }
    return td;
  }

  function row(r) {
    const tr = document.createElement("tr");
    tr.classList.toggle("closed", r.state === "CLOSED");
    tr.classList.toggle("dead", r.dead !== null);
    tr.classList.toggle("leaked", r.leaked);
    tr.classList.toggle("agent", r.agent);
    for (const th of headers) {
      const column = COLUMNS[th.dataset.key];
      const td = cell(tr, th, column.text(r));
      if (column.title && column.title(r)) {
        td.title = column.title(r);
      }
      if (th.dataset.key === "state" && r.leaked) {
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = "leaked";
        td.append(" ", badge);
      }
    }
    return tr;
  }

  function placeholder(columns, text) {
    const tr = document.createElement("tr");
    tr.className = "none";
    const td = tr.insertCell();
    td.colSpan = columns;
    td.textContent = text;
    return tr;
  }

  // The two lines at the top, as the server writes them: what matters, counted from the rows (with the errors a
  // link to their section), then the context.
  function showSummary(t) {
    const c = t.counts;
    const strong = document.createElement("strong");
    strong.textContent = c.connections + " open connections";
    const errors = document.createElement("a");
    errors.href = "#recent-errors";
    errors.textContent = c.errors + " recent errors";
    summary.replaceChildren(strong, DOT + c.listeners + " listeners" + DOT, errors,
      DOT + c.leaked + " leaked" + DOT + c.dead + " dead");
    context.textContent = "pid " + t.pid + DOT + t.time + DOT + c.closed + " recently closed" + DOT
      + "ephemeral ports " + t.ephemeralPortRange.first + "\u2013" + t.ephemeralPortRange.last + DOT
      + "since start: " + t.leakedSockets + " leaked, " + t.untrackedSockets + " untracked";
  }

  function showSort() {
    for (const th of headers) {
      const sorted = sort && th.dataset.key === sort.key;
      th.setAttribute("aria-sort", sorted ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    }
  }

  function render() {
    showSort();
    if (!latest) {
      return;
    }
    const rows = latest.connections.slice();
    if (sort) {
      rows.sort(compare);
    }
    const fragment = document.createDocumentFragment();
    rows.forEach(r => fragment.append(row(r)));
    if (!rows.length) {
      fragment.append(placeholder(headers.length, "no connections match"));
    }
    rowsBody.replaceChildren(fragment);

    const errors = document.createDocumentFragment();
    for (const e of latest.errors) {
      const tr = document.createElement("tr");
      ERROR_CELLS.forEach((text, i) => cell(tr, errorHeaders[i], text(e)));
      errors.append(tr);
    }
    if (!latest.errors.length) {
      errors.append(placeholder(errorHeaders.length, "no failed connects or binds"));
    }
    errorsBody.replaceChildren(errors);
    showSummary(latest);
  }

  function showStatus(text, error) {
    status.textContent = text;
    status.classList.toggle("error", error);
  }

  // Returns whether to keep refreshing: a 400 (a bad filter in the page's URL) will not get better.
  async function refresh() {
    try {
      const response = await fetch("/connections.json" + location.search, { cache: "no-store" });
      if (response.status === 400) {
        showStatus((await response.text()).trim(), true);
        return false;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      latest = await response.json();
      render();
      table.dataset.refreshes = String(++refreshes);
      showStatus("live" + DOT + "refreshed every " + REFRESH_MS / 1000 + " s" + DOT + "click a column to sort", false);
    } catch (failure) {
      showStatus("cannot reach portwatch (" + failure.message + "); showing the last table, retrying", true);
    }
    return true;
  }

  async function loop() {
    if (await refresh()) {
      setTimeout(loop, REFRESH_MS);
    }
  }

  for (const th of headers) {
    th.tabIndex = 0;
    const toggle = () => {
      const key = th.dataset.key;
      sort = { key: key, dir: sort && sort.key === key ? -sort.dir : 1 };
      try {
        sessionStorage.setItem(SORT_STORAGE, JSON.stringify(sort));
      } catch (unavailable) {
        // kept for this page only
      }
      render();
    };
    th.addEventListener("click", toggle);
    th.addEventListener("keydown", event => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle();
      }
    });
  }

  // Fields left at "any" are not sent, so the URL holds only the filters in use; a changed select applies at once.
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      field.disabled = Boolean(field.name) && !field.value;
    }
  });
  form.addEventListener("change", event => {
    if (event.target.tagName === "SELECT") {
      form.requestSubmit();
    }
  });
  window.addEventListener("pageshow", () => {
    for (const field of form.elements) {
      field.disabled = false;
    }
  });

  showSort();
  loop();
})();
