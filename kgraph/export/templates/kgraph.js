/* kgraph page behaviour: draw, filter, search, side panel.
 *
 * Every string in the data comes from untrusted abstracts: it only ever reaches
 * the document through textContent, attribute setters of our own elements,
 * vis-network canvas labels and plain-string tooltips (vis-network 9 shows
 * those with innerText). Never innerHTML.
 *
 * window.kgraph exposes the network and a few actions for tests and scripts:
 * firstDrawMs (first frame drawn, ms since navigation start), readyMs (edges
 * drawn too), search(q), focus(id), select(id), setTypeVisible(type, on),
 * setMinMentions(n), visibleNodeIds().
 */
(function () {
  "use strict";

  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var timings = { start: performance.now() };
  var rawNodes = readJSON("kg-nodes");
  var rawEdges = readJSON("kg-edges");
  var options = readJSON("kg-options");
  var meta = readJSON("kg-meta");

  var DEFER_EDGES_ABOVE = 20000;
  var TYPE_INFO = {};
  meta.types.forEach(function (t) { TYPE_INFO[t.type] = t; });

  function typeLabel(type) {
    return TYPE_INFO[type] ? TYPE_INFO[type].label : type;
  }

  function typeColour(group) {
    return TYPE_INFO[group] ? TYPE_INFO[group].colour : "#6b7280";
  }

  // Plain-text hover tooltips (a string title is shown with innerText by vis-network 9).
  rawNodes.forEach(function (n) {
    var lines = [typeLabel(n.type || n.group) + ": " + n.name];
    if (n.type === "Paper") {
      if (n.date) { lines.push(n.date); }
    } else if (typeof n.mentions === "number") {
      lines.push(n.mentions + " mention" + (n.mentions === 1 ? "" : "s") +
        (typeof n.papers === "number" ? " in " + n.papers + " paper" + (n.papers === 1 ? "" : "s") : ""));
    }
    n.title = lines.join("\n");
  });

  var byId = {};
  rawNodes.forEach(function (n) { byId[n.id] = n; });
  var adjacency = {};
  rawNodes.forEach(function (n) { adjacency[n.id] = []; });
  rawEdges.forEach(function (e) {
    if (adjacency[e.from]) { adjacency[e.from].push(e); }
    if (adjacency[e.to] && e.to !== e.from) { adjacency[e.to].push(e); }
  });

  timings.parsed = performance.now();
  // vis-network gets only what it draws; the panel and search read byId and adjacency.
  var nodes = new vis.DataSet(rawNodes.map(function (n) {
    var v = { id: n.id, label: n.label, group: n.group, size: n.size, x: n.x, y: n.y, title: n.title };
    if (n.font) { v.font = n.font; }
    return v;
  }));
  var edgeItems = rawEdges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to };
  });
  // On big graphs the nodes are drawn first and the edges added right after,
  // so the page shows something as soon as it can.
  var deferEdges = edgeItems.length > DEFER_EDGES_ABOVE;
  var edges = new vis.DataSet(deferEdges ? [] : edgeItems);
  var hiddenTypes = {};
  var minMentions = 0;

  function passesFilters(item) {
    var n = byId[item.id];
    if (hiddenTypes[n.group]) { return false; }
    if (n.type !== "Paper" && typeof n.mentions === "number" && n.mentions < minMentions) { return false; }
    return true;
  }

  var view = new vis.DataView(nodes, { filter: passesFilters });
  var container = document.getElementById("kg-network");
  var api = {
    network: null,
    nodes: nodes,
    edges: edges,
    view: view,
    meta: meta,
    firstDrawMs: null,
    readyMs: null,
    selected: null
  };
  window.kgraph = api;

  timings.datasets = performance.now();
  var network = new vis.Network(container, { nodes: view, edges: edges }, options);
  timings.network = performance.now();
  api.timings = timings;
  api.network = network;
  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now();
    if (!deferEdges) {
      api.readyMs = api.firstDrawMs;
      return;
    }
    setTimeout(function () {
      network.once("afterDrawing", function () { api.readyMs = performance.now(); });
      edges.add(edgeItems);
    }, 0);
  });
  if (meta.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }

  var statusEl = document.getElementById("kg-status");
  var baseStatus = statusEl.textContent;

  function setStatus(text) {
    statusEl.textContent = text || baseStatus;
  }

  function updateCountStatus() {
    var shown = view.length;
    setStatus(shown === rawNodes.length ? "" :
      shown.toLocaleString("en") + " of " + rawNodes.length.toLocaleString("en") + " nodes shown");
  }

  // ---------- neighbour highlight ----------
  var dimmed = false;

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    (adjacency[id] || []).forEach(function (e) { keep[e.from] = true; keep[e.to] = true; });
    nodes.update(rawNodes.map(function (n) {
      return keep[n.id] ? { id: n.id, opacity: 1, font: fontOf(n, 1) } : { id: n.id, opacity: 0.15, font: fontOf(n, 0.2) };
    }));
    dimmed = true;
  }

  function fontOf(n, alpha) {
    return { size: (n.font && n.font.size) || options.nodes.font.size, color: "rgba(31, 41, 55, " + alpha + ")" };
  }

  function clearHighlight() {
    if (!dimmed) { return; }
    nodes.update(rawNodes.map(function (n) { return { id: n.id, opacity: 1, font: fontOf(n, 1) }; }));
    dimmed = false;
  }

  // ---------- side panel ----------
  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url);
  }

  function externalLink(url, text) {
    if (!isWebUrl(url)) { return el("span", null, text || url); }
    var a = el("a", null, text || url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function nodeButton(id, className) {
    var n = byId[id];
    var b = el("button", "kg-node-link" + (className ? " " + className : ""), n ? n.name : id);
    b.type = "button";
    b.dataset.node = id;
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function section(title) {
    panelBody.appendChild(el("h3", null, title));
  }

  function evidenceList(edgeList) {
    var seen = {};
    var box = document.createElement("div");
    edgeList.forEach(function (e) {
      (e.evidence || []).slice(0, 3).forEach(function (s) {
        if (seen[s]) { return; }
        seen[s] = true;
        box.appendChild(el("blockquote", "kg-evidence", s));
      });
    });
    return box;
  }

  function header(n) {
    var badge = el("span", "kg-badge", typeLabel(n.type || n.group));
    badge.style.background = typeColour(n.group);
    panelBody.appendChild(badge);
    panelBody.appendChild(el("h2", "kg-panel-title", n.name));
  }

  function edgesOf(id, relation, direction) {
    return (adjacency[id] || []).filter(function (e) {
      if (relation && e.relations.indexOf(relation) < 0) { return false; }
      if (direction === "out") { return e.from === id; }
      if (direction === "in") { return e.to === id; }
      return true;
    });
  }

  function paperPanel(n) {
    header(n);
    var bits = [];
    if (n.date) { bits.push(n.date); }
    if (n.authors && n.authors.length) { bits.push(n.authors.join(", ")); }
    if (bits.length) { panelBody.appendChild(el("p", "kg-meta", bits.join(" · "))); }
    if (n.excerpt) { panelBody.appendChild(el("p", "kg-excerpt", n.excerpt)); }

    var links = el("ul", "kg-links");
    function addLink(kind, url, text) {
      var li = document.createElement("li");
      li.appendChild(el("span", "kg-link-kind", kind));
      li.appendChild(externalLink(url, text));
      links.appendChild(li);
    }
    if (n.url) { addLink("Paper", n.url); }
    edgesOf(n.id, "has_code", "out").forEach(function (e) {
      var repo = byId[e.to];
      if (repo) { addLink("GitHub", repo.url, repo.url || repo.name); }
    });
    edgesOf(n.id, "links_to", "out").forEach(function (e) {
      var target = byId[e.to];
      if (target) { addLink(target.type === "GitHubOwner" ? "GitHub" : "Link", target.url, target.url || target.name); }
    });
    if (links.childNodes.length) {
      section("Links");
      panelBody.appendChild(links);
    }

    var introduced = edgesOf(n.id, "introduces", "out").map(function (e) { return e.to; });
    var mentioned = edgesOf(n.id, "mentions", "out").map(function (e) { return e.to; })
      .filter(function (id) { return introduced.indexOf(id) < 0; });
    [["Introduces", introduced], ["Mentions", mentioned]].forEach(function (pair) {
      if (!pair[1].length) { return; }
      section(pair[0]);
      var chips = el("div", "kg-chips");
      pair[1].forEach(function (id) { chips.appendChild(nodeButton(id, "kg-chip")); });
      panelBody.appendChild(chips);
    });
  }

  function entityPanel(n) {
    header(n);
    var bits = [];
    if (typeof n.mentions === "number") { bits.push(n.mentions + " mention" + (n.mentions === 1 ? "" : "s")); }
    if (typeof n.papers === "number") { bits.push("in " + n.papers + " paper" + (n.papers === 1 ? "" : "s")); }
    if (bits.length) { panelBody.appendChild(el("p", "kg-meta", bits.join(" "))); }
    if (n.url) {
      var p = el("p");
      p.appendChild(externalLink(n.url));
      panelBody.appendChild(p);
    }
    if (n.aliases && n.aliases.length) {
      section("Also called");
      var chips = el("div", "kg-chips");
      n.aliases.forEach(function (a) { chips.appendChild(el("span", "kg-chip", a)); });
      panelBody.appendChild(chips);
    }
    var family = edgesOf(n.id, "variant_of", "out").map(function (e) { return e.to; });
    var variants = edgesOf(n.id, "variant_of", "in").map(function (e) { return e.from; });
    var evalOn = edgesOf(n.id, "evaluated_on", "out").map(function (e) { return e.to; });
    var evalBy = edgesOf(n.id, "evaluated_on", "in").map(function (e) { return e.from; });
    var owner = edgesOf(n.id, "owned_by", "out").map(function (e) { return e.to; });
    var repos = edgesOf(n.id, "owned_by", "in").map(function (e) { return e.from; });
    [["Variant of", family], ["Variants", variants], ["Evaluated on", evalOn],
     ["Models evaluated on it", evalBy], ["Owner", owner], ["Repositories", repos]].forEach(function (pair) {
      if (!pair[1].length) { return; }
      section(pair[0]);
      var box = el("div", "kg-chips");
      pair[1].forEach(function (id) { box.appendChild(nodeButton(id, "kg-chip")); });
      panelBody.appendChild(box);
    });

    // Papers that mention, introduce or link to it, each with its evidence sentences.
    var byPaper = {};
    var order = [];
    (adjacency[n.id] || []).forEach(function (e) {
      if (e.to !== n.id || !byId[e.from] || byId[e.from].type !== "Paper") { return; }
      if (!byPaper[e.from]) { byPaper[e.from] = []; order.push(e.from); }
      byPaper[e.from].push(e);
    });
    if (order.length) {
      var introducedIn = order.filter(function (id) {
        return byPaper[id].some(function (e) { return e.relations.indexOf("introduces") >= 0; });
      });
      order.sort(function (a, b) {
        var ia = introducedIn.indexOf(a) >= 0 ? 0 : 1, ib = introducedIn.indexOf(b) >= 0 ? 0 : 1;
        return ia - ib || (byId[a].name < byId[b].name ? -1 : byId[a].name > byId[b].name ? 1 : 0);
      });
      section(n.type === "Repository" || n.type === "Link" || n.type === "GitHubOwner" ?
        "Linked from" : "Mentioned in");
      var list = el("ul", "kg-papers");
      order.slice(0, 200).forEach(function (id) {
        var li = document.createElement("li");
        li.appendChild(nodeButton(id));
        if (introducedIn.indexOf(id) >= 0) { li.appendChild(el("span", "kg-tag", "introduces it")); }
        li.appendChild(evidenceList(byPaper[id]));
        list.appendChild(li);
      });
      panelBody.appendChild(list);
      if (order.length > 200) {
        panelBody.appendChild(el("p", "kg-meta", "… and " + (order.length - 200) + " more papers."));
      }
      if (typeof n.papers === "number" && n.papers > order.length) {
        panelBody.appendChild(el("p", "kg-meta", (n.papers - order.length) +
          " more papers mention it but are not drawn (raise --max-nodes to see them)."));
      }
    }
  }

  function showPanel(id) {
    var n = byId[id];
    if (!n) { return; }
    while (panelBody.firstChild) { panelBody.removeChild(panelBody.firstChild); }
    panelBody.dataset.node = id;
    if (n.type === "Paper") { paperPanel(n); } else { entityPanel(n); }
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function hidePanel() {
    panel.hidden = true;
    delete panelBody.dataset.node;
  }

  function selectNode(id) {
    api.selected = id;
    if (view.get(id)) {
      network.selectNodes([id], true);
    }
    highlight(id);
    showPanel(id);
  }

  function clearSelection() {
    api.selected = null;
    network.unselectAll();
    clearHighlight();
    hidePanel();
  }

  document.getElementById("kg-panel-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement !== searchInput) { clearSelection(); }
  });

  network.on("click", function (params) {
    if (params.nodes.length) {
      selectNode(params.nodes[0]);
    } else if (!params.edges.length) {
      clearSelection();
    }
  });

  // ---------- filters ----------
  function refreshFilters() {
    view.refresh();
    updateCountStatus();
  }

  function setTypeVisible(type, visible) {
    if (visible) { delete hiddenTypes[type]; } else { hiddenTypes[type] = true; }
    document.querySelectorAll(".kg-type-toggle").forEach(function (box) {
      if (box.dataset.type === type) { box.checked = !!visible; }
    });
    refreshFilters();
  }

  function setMinMentions(value) {
    var v = Math.max(0, parseInt(value, 10) || 0);
    minMentions = v;
    minInput.value = String(v);
    refreshFilters();
  }

  document.querySelectorAll(".kg-type-toggle").forEach(function (box) {
    box.addEventListener("change", function () { setTypeVisible(box.dataset.type, box.checked); });
  });
  var minInput = document.getElementById("kg-min-mentions");
  minInput.addEventListener("input", function () { setMinMentions(minInput.value); });

  // ---------- search ----------
  function norm(s) {
    return String(s || "").toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "");
  }

  var searchIndex = rawNodes.map(function (n) {
    return { id: n.id, keys: [n.name, n.label].concat(n.aliases || []).map(norm).filter(Boolean) };
  });

  function search(query, limit) {
    var q = norm(query);
    if (!q) { return []; }
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = 9;
      entry.keys.forEach(function (k) {
        var rank = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) > 0 ? 2 : 9;
        if (rank < best) { best = rank; }
      });
      if (best < 9) { hits.push([best, -(byId[entry.id].mentions || 0), byId[entry.id].name, entry.id]); }
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
    });
    return hits.slice(0, limit || 10).map(function (h) { return h[3]; });
  }

  function focusNode(id) {
    var n = byId[id];
    if (!n) { return false; }
    if (!passesFilters(n)) {
      if (hiddenTypes[n.group]) { setTypeVisible(n.group, true); }
      if (n.type !== "Paper" && n.mentions < minMentions) { setMinMentions(0); }
    }
    selectNode(id);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      offset: { x: panel.hidden ? 0 : -panel.offsetWidth / 2, y: 0 },
      animation: { duration: 350, easingFunction: "easeInOutQuad" }
    });
    return true;
  }

  var searchInput = document.getElementById("kg-search");
  var resultsEl = document.getElementById("kg-results");
  var results = [];
  var active = 0;

  function renderResults() {
    while (resultsEl.firstChild) { resultsEl.removeChild(resultsEl.firstChild); }
    results.forEach(function (id, i) {
      var n = byId[id];
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.dataset.node = id;
      var sw = el("span", "kg-swatch-dot");
      sw.style.cssText = "width:10px;height:10px;border-radius:50%;flex:none";
      sw.style.background = typeColour(n.group);
      li.appendChild(sw);
      li.appendChild(el("span", "kg-result-name", n.name));
      li.appendChild(el("span", "kg-result-type", typeLabel(n.type || n.group)));
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        choose(id);
      });
      resultsEl.appendChild(li);
    });
    resultsEl.hidden = results.length === 0;
  }

  function choose(id) {
    results = [];
    renderResults();
    searchInput.value = byId[id].name;
    focusNode(id);
  }

  searchInput.addEventListener("input", function () {
    results = search(searchInput.value, 10);
    active = 0;
    renderResults();
    if (searchInput.value && !results.length) {
      setStatus("No node matches “" + searchInput.value + "”");
    } else {
      updateCountStatus();
    }
  });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (results.length) {
        active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        renderResults();
      }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!results.length) { results = search(searchInput.value, 10); active = 0; }
      if (results.length) { choose(results[active]); }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      results = [];
      renderResults();
    }
  });
  searchInput.addEventListener("blur", function () {
    results = [];
    renderResults();
  });

  api.search = search;
  api.focus = focusNode;
  api.select = selectNode;
  api.clearSelection = clearSelection;
  api.setTypeVisible = setTypeVisible;
  api.setMinMentions = setMinMentions;
  api.visibleNodeIds = function () { return view.getIds(); };
})();
