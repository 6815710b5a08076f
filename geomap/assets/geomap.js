/* geomap map runtime (MIT, part of geomap).
 * Builds the incident layers from the JSON blob that geomap/render.py embeds: canvas circle
 * markers in one cluster group, a toggle per event type, a date-range slider, a heatmap,
 * a place search box, a legend, a summary and lazy popups.
 * News text is untrusted: it only ever reaches the page through textContent, or through
 * esc() where Leaflet wants an HTML string; links keep http(s) URLs only.
 */
(function () {
  'use strict';

  // Row layout, kept in step with render.py ROW_FIELDS.
  var LAT = 0, LON = 1, TYPE = 2, SUB = 3, DAY = 4, TPREC = 5, GPREC = 6, FAT = 7, INJ = 8,
      LOC = 9, ADM1 = 10, CC = 11, ACT1 = 12, ACT2 = 13, QUOTES = 14, SRCS = 15, NOTES = 16, EID = 17;
  // Source layout: [title, url, outlet, published, article_id] as string indexes.
  var S_TITLE = 0, S_URL = 1, S_OUTLET = 2, S_PUB = 3, S_ID = 4;
  var DAY_MS = 86400000;
  var TIME_PRECISION = {1: 'day', 2: 'week', 3: 'month'};
  var GEO_PRECISION = {1: 'town', 2: 'near a town or part of a region', 3: 'region only'};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function safeUrl(url) {
    if (!url) { return null; }
    try {
      var u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function fmtInt(n) { return Number(n).toLocaleString('en-US'); }

  function Geomap(opts, data, outlines) {
    var self = this;
    this.map = opts.map;
    this.data = data;
    this.heat = opts.heat || null;
    this.control = opts.control || null;
    this.strings = data.strings;
    this.rows = data.rows;
    this.types = data.types;
    this.day0 = data.day0 ? Date.parse(data.day0 + 'T00:00:00Z') : null;
    this.ndays = data.ndays || 0;
    this.typeOn = this.types.map(function () { return true; });
    this.from = 0;
    this.to = Math.max(0, this.ndays - 1);
    this.undated = true;
    this.shown = new Uint8Array(this.rows.length);
    this.ready = false;
    this.busy = 0;
    this.pending = false;
    this._idle = [];
    this._heatDirty = true;
    // One canvas for markers and spider legs: a second canvas in the same pane would
    // swallow the clicks meant for the first.
    this.renderer = this.map.getRenderer(L.circleMarker([0, 0]));
    var heatPane = this.map.createPane('gm-heat');
    heatPane.style.zIndex = 350;
    heatPane.style.pointerEvents = 'none';
    this.popup = L.popup({maxWidth: 380, maxHeight: 360, autoPanPadding: [40, 40]});
    this.map.getContainer().classList.add('gm-map');
    if (opts.offline) { this.map.getContainer().classList.add('gm-offline'); }
    this._outlines(outlines);
    this.timings = {};
    var t0 = performance.now();
    this.markers = this.rows.map(function (row, i) { return self._marker(row, i); });
    this.timings.markers = performance.now() - t0;
    this.markerCount = this.markers.length;
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 400,
      chunkDelay: 1,
      chunkProgress: function (done, total) { if (done === total) { self._applied(); } },
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 50,
      spiderfyDistanceMultiplier: 1.6,
      iconCreateFunction: function (c) { return self._clusterIcon(c); }
    });
    this.cluster.on('click', function (e) { self._open(e.layer); });
    this.map.addLayer(this.cluster);
    this._typeLayers();
    this._title(data.title);
    this._searchControl();
    this._sliderControl();
    this._legendControl();
    this._summaryControl();
    if (this.heat) {
      this.map.on('overlayadd', function (e) { if (e.layer === self.heat) { self._updateHeat(); } });
    }
    this._fit();
    this.apply();
  }

  Geomap.prototype.str = function (i) { return i >= 0 ? this.strings[i] : null; };

  Geomap.prototype.dateOf = function (day) {
    if (day < 0 || this.day0 === null) { return null; }
    return new Date(this.day0 + day * DAY_MS).toISOString().slice(0, 10);
  };

  Geomap.prototype.dayOf = function (iso) {
    if (this.day0 === null) { return 0; }
    return Math.round((Date.parse(iso + 'T00:00:00Z') - this.day0) / DAY_MS);
  };

  Geomap.prototype._style = function (row) {
    var colour = this.types[row[TYPE]].color;
    var hurt = (row[FAT] || 0) + (row[INJ] || 0);
    var style = {
      renderer: this.renderer, radius: 5 + Math.min(15, 2.5 * Math.sqrt(hurt)),
      color: colour, fillColor: colour, weight: 1.5, opacity: 0.95, fillOpacity: 0.75
    };
    if (row[GPREC] === 3) {
      style.fillOpacity = 0.1; style.dashArray = '4 3'; style.weight = 2.5;
    } else if (row[GPREC] === 2) {
      style.fillOpacity = 0.45;
    }
    return style;
  };

  Geomap.prototype._marker = function (row, i) {
    var m = L.circleMarker([row[LAT], row[LON]], this._style(row));
    m.gmIndex = i;
    return m;
  };

  /** A cluster icon: the count on a ring whose arcs show the share of each event type. */
  Geomap.prototype._clusterIcon = function (cluster) {
    var n = cluster.getChildCount(), counts = this.types.map(function () { return 0; });
    cluster.getAllChildMarkers().forEach(function (m) { counts[this.rows[m.gmIndex][TYPE]]++; }, this);
    var stops = [], at = 0;
    counts.forEach(function (c, k) {
      if (!c) { return; }
      var next = at + 100 * c / n;
      stops.push(this.types[k].color + ' ' + at.toFixed(2) + '% ' + next.toFixed(2) + '%');
      at = next;
    }, this);
    var size = n < 10 ? 32 : n < 100 ? 38 : n < 1000 ? 44 : 50;
    return L.divIcon({
      html: '<div class="gm-ring" style="background: conic-gradient(' + esc(stops.join(', ')) +
            ')"><div class="gm-core">' + fmtInt(n) + '</div></div>',
      className: 'gm-cluster',
      iconSize: L.point(size, size)
    });
  };

  Geomap.prototype._outlines = function (geojson) {
    if (!geojson) { this.outlines = null; return; }
    var pane = this.map.createPane('gm-outlines');
    pane.style.zIndex = 250;
    pane.style.pointerEvents = 'none';
    var filled = this.map.getContainer().classList.contains('gm-offline');
    this.outlines = L.geoJSON(geojson, {
      pane: 'gm-outlines',
      renderer: L.canvas({pane: 'gm-outlines', padding: 0.5}),
      interactive: false,
      attribution: 'Outlines: Natural Earth',
      style: {color: '#8a8a8a', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: filled ? 1 : 0}
    }).addTo(this.map);
    if (this.control) { this.control.addOverlay(this.outlines, 'Country and region outlines'); }
  };

  Geomap.prototype._typeLayers = function () {
    var self = this;
    this.typeLayers = {};
    this.totals = this.types.map(function () { return 0; });
    this.rows.forEach(function (row) { self.totals[row[TYPE]] += 1; });
    this.types.forEach(function (t, k) {
      var layer = L.layerGroup().addTo(self.map);
      layer.gmType = k;
      self.typeLayers[t.name] = layer;
      if (self.control) {
        self.control.addOverlay(layer, '<span class="gm-swatch" style="background:' + esc(t.color) +
          '"></span>' + esc(t.name) + ' <span class="gm-count">(' + fmtInt(self.totals[k]) + ')</span>');
      }
    });
    this.map.on('overlayadd overlayremove', function (e) {
      if (e.layer && e.layer.gmType !== undefined) {
        self.typeOn[e.layer.gmType] = e.type === 'overlayadd';
        self.apply();
      }
    });
  };

  Geomap.prototype._passes = function (row) {
    if (!this.typeOn[row[TYPE]]) { return false; }
    var day = row[DAY];
    if (day < 0) { return this.undated; }
    return day >= this.from && day <= this.to;
  };

  /** Show exactly the markers that pass the type and date filters. */
  Geomap.prototype.apply = function () {
    if (this.busy) { this.pending = true; return; }
    var add = [], remove = [], keep = 0, i, pass;
    for (i = 0; i < this.rows.length; i++) {
      pass = this._passes(this.rows[i]);
      if (pass) { keep++; }
      if (pass && !this.shown[i]) { add.push(this.markers[i]); }
      else if (!pass && this.shown[i]) { remove.push(this.markers[i]); }
      this.shown[i] = pass ? 1 : 0;
    }
    this.busy = 1;
    this.map.closePopup(this.popup);
    if (remove.length > 2000 && remove.length > keep / 2) {
      this.cluster.clearLayers();
      add = this.markers.filter(function (m, j) { return this.shown[j]; }, this);
    } else if (remove.length) {
      this.cluster.removeLayers(remove);
    }
    this._heatDirty = true;
    this.cluster.addLayers(add, true);
  };

  Geomap.prototype._applied = function () {
    var self = this;
    this.busy = 0;
    if (this.pending) { this.pending = false; this.apply(); return; }
    this._updateHeat();
    this._updateSummary();
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (self.busy) { return; }
        self.ready = true;
        if (self.timings.drawn === undefined) { self.timings.drawn = performance.now() - self.timings.start; }
        document.documentElement.setAttribute('data-geomap-ready', '1');
        var waiting = self._idle; self._idle = [];
        waiting.forEach(function (cb) { cb(); });
      });
    });
  };

  /** A promise resolved once the markers on show match the filters and are drawn. */
  Geomap.prototype.whenIdle = function () {
    var self = this;
    return new Promise(function (resolve) {
      if (!self.busy && !self.pending && self.ready) { resolve(); } else { self._idle.push(resolve); }
    });
  };

  Geomap.prototype.visibleCount = function () { return this.cluster.getLayers().length; };

  Geomap.prototype.setTypeVisible = function (name, on) {
    var layer = this.typeLayers[name];
    if (!layer) { throw new Error('no such event type: ' + name); }
    if (on) { this.map.addLayer(layer); } else { this.map.removeLayer(layer); }
    return this.whenIdle();
  };

  Geomap.prototype.setDateRange = function (fromIso, toIso) {
    this.from = fromIso ? Math.max(0, this.dayOf(fromIso)) : 0;
    this.to = toIso ? Math.min(this.ndays - 1, this.dayOf(toIso)) : this.ndays - 1;
    this._syncSlider();
    this.ready = false;
    this.apply();
    return this.whenIdle();
  };

  Geomap.prototype._visibleLatLngs = function () {
    var out = [];
    for (var i = 0; i < this.rows.length; i++) {
      if (this.shown[i]) { out.push([this.rows[i][LAT], this.rows[i][LON]]); }
    }
    return out;
  };

  Geomap.prototype._updateHeat = function () {
    if (!this.heat || !this._heatDirty || !this.map.hasLayer(this.heat)) { return; }
    this._heatDirty = false;
    this.heat.setLatLngs(this._visibleLatLngs());
  };

  Geomap.prototype._fit = function () {
    if (!this.rows.length) { this.map.setView([20, 0], 2); return; }
    var lats = this.rows.map(function (r) { return r[LAT]; });
    var lons = this.rows.map(function (r) { return r[LON]; });
    var bounds = L.latLngBounds([minOf(lats), minOf(lons)], [maxOf(lats), maxOf(lons)]);
    var size = this.map.getSize();  // keep clear of the panels in the corners
    this.map.fitBounds(bounds.pad(0.05), {
      maxZoom: 9, animate: false,
      paddingTopLeft: [Math.min(60, size.x / 10), Math.min(60, size.y / 10)],
      paddingBottomRight: [Math.min(250, size.x / 5), Math.min(60, size.y / 10)]
    });
  };

  function minOf(a) { var m = Infinity; for (var i = 0; i < a.length; i++) { if (a[i] < m) { m = a[i]; } } return m; }
  function maxOf(a) { var m = -Infinity; for (var i = 0; i < a.length; i++) { if (a[i] > m) { m = a[i]; } } return m; }

  // ---- popups -------------------------------------------------------------------------

  Geomap.prototype._open = function (marker) {
    this.popup.setLatLng(marker.getLatLng()).setContent(this.popupContent(marker.gmIndex));
    this.map.openPopup(this.popup);
  };

  /** Open the popup of incident i, zooming until its marker stands on its own. */
  Geomap.prototype.openIncident = function (i) {
    var self = this, marker = this.markers[i];
    return new Promise(function (resolve) {
      self.cluster.zoomToShowLayer(marker, function () { self._open(marker); resolve(); });
    });
  };

  function addRow(table, label, value) {
    if (value === null || value === undefined || value === '') { return; }
    var tr = el('tr');
    tr.appendChild(el('th', null, label));
    tr.appendChild(el('td', null, value));
    table.appendChild(tr);
  }

  Geomap.prototype._casualties = function (row) {
    var parts = [];
    if (row[FAT] !== null) { parts.push(fmtInt(row[FAT]) + ' killed'); }
    if (row[INJ] !== null) { parts.push(fmtInt(row[INJ]) + ' injured'); }
    return parts.length ? parts.join(', ') : 'not stated';
  };

  Geomap.prototype._placeText = function (row) {
    var parts = [this.str(row[LOC]), this.str(row[ADM1]), this.str(row[CC])];
    var seen = {}, kept = parts.filter(function (p) {
      if (!p || seen[p]) { return false; } seen[p] = 1; return true;
    });
    return kept.join(', ') + ' (' + (GEO_PRECISION[row[GPREC]] || 'precision ' + row[GPREC]) + ')';
  };

  Geomap.prototype._sourceItem = function (src) {
    var li = el('li');
    var label = this.str(src[S_TITLE]) || this.str(src[S_OUTLET]) || this.str(src[S_ID]) || 'source';
    var href = safeUrl(this.str(src[S_URL]));
    if (href) {
      var a = el('a', null, label);
      a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
      li.appendChild(a);
    } else {
      li.appendChild(el('span', null, label));
    }
    var meta = [this.str(src[S_OUTLET]), this.str(src[S_PUB])].filter(Boolean).join(', ');
    if (meta && meta !== label) { li.appendChild(el('span', 'gm-meta', ' — ' + meta)); }
    return li;
  };

  /** The popup of incident i as a DOM node (all text through textContent). */
  Geomap.prototype.popupContent = function (i) {
    var self = this, row = this.rows[i], type = this.types[row[TYPE]];
    var root = el('div', 'gm-popup');
    var head = el('div', 'gm-head');
    var swatch = el('span', 'gm-swatch');
    swatch.style.background = type.color;
    head.appendChild(swatch);
    head.appendChild(el('strong', null, type.name));
    if (this.str(row[SUB])) { head.appendChild(el('span', 'gm-sub', ' · ' + this.str(row[SUB]))); }
    root.appendChild(head);
    var table = el('table', 'gm-facts');
    var date = this.dateOf(row[DAY]);
    addRow(table, 'Date', date ? date + ' (' + (TIME_PRECISION[row[TPREC]] || 'precision ' + row[TPREC]) + ')' : 'unknown');
    addRow(table, 'Place', this._placeText(row));
    addRow(table, 'Casualties', this._casualties(row));
    var actors = [this.str(row[ACT1]), this.str(row[ACT2])].filter(Boolean).join(' vs. ');
    addRow(table, 'Actors', actors);
    root.appendChild(table);
    (row[QUOTES] || []).forEach(function (q) { root.appendChild(el('blockquote', 'gm-quote', q)); });
    if (this.str(row[NOTES])) { root.appendChild(el('p', 'gm-notes', this.str(row[NOTES]))); }
    var srcs = row[SRCS] || [];
    if (srcs.length) {
      root.appendChild(el('div', 'gm-label', srcs.length === 1 ? 'Source' : srcs.length + ' sources'));
      var ol = el('ol', 'gm-sources');
      srcs.forEach(function (s) { ol.appendChild(self._sourceItem(self.data.sources[s])); });
      root.appendChild(ol);
    }
    root.appendChild(el('div', 'gm-id', this.str(row[EID])));
    return root;
  };

  // ---- controls -----------------------------------------------------------------------

  function control(position, build) {
    var Ctl = L.Control.extend({
      options: {position: position},
      onAdd: function () {
        var box = build();
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    return new Ctl();
  }

  Geomap.prototype._title = function (title) {
    var box = el('div', 'gm-title', title || '');
    L.DomEvent.disableClickPropagation(box);
    this.map.getContainer().appendChild(box);
  };

  Geomap.prototype._placesIndex = function () {
    var places = {}, list = [];
    for (var i = 0; i < this.rows.length; i++) {
      var row = this.rows[i];
      var key = row[LOC] + '|' + row[ADM1] + '|' + row[CC];
      var p = places[key];
      if (!p) {
        var name = this.str(row[LOC]) || '';
        p = places[key] = {name: name, lower: name.toLowerCase(), label: this._placeText(row).replace(/ \([^)]*\)$/, ''),
                           indexes: [], lat: row[LAT], lon: row[LON]};
        list.push(p);
      }
      p.indexes.push(i);
    }
    list.sort(function (a, b) { return b.indexes.length - a.indexes.length; });
    return list;
  };

  /** Places whose name matches the query (prefix matches first), most incidents first. */
  Geomap.prototype.search = function (query, limit) {
    var q = String(query || '').trim().toLowerCase();
    if (!q) { return []; }
    if (!this.places) { this.places = this._placesIndex(); }
    var starts = [], contains = [];
    for (var i = 0; i < this.places.length; i++) {
      var at = this.places[i].lower.indexOf(q);
      if (at === 0) { starts.push(this.places[i]); } else if (at > 0) { contains.push(this.places[i]); }
    }
    return starts.concat(contains).slice(0, limit || 10);
  };

  Geomap.prototype.goTo = function (place) {
    var self = this;
    var pts = place.indexes.map(function (i) { return [self.rows[i][LAT], self.rows[i][LON]]; });
    this.map.fitBounds(L.latLngBounds(pts).pad(0.2), {maxZoom: 11});
    var ring = L.circleMarker([place.lat, place.lon], {
      radius: 24, color: '#111', weight: 3, fill: false, dashArray: '2 4', interactive: false
    }).addTo(this.map);
    setTimeout(function () { self.map.removeLayer(ring); }, 2500);
  };

  Geomap.prototype._searchControl = function () {
    var self = this;
    control('topleft', function () {
      var box = el('div', 'leaflet-bar gm-search');
      var input = el('input');
      input.type = 'search'; input.placeholder = 'Search a place…';
      input.setAttribute('aria-label', 'Search a place');
      var list = el('ul', 'gm-results');
      var found = [];
      function show() {
        found = self.search(input.value, 10);
        list.textContent = '';
        found.forEach(function (p, k) {
          var li = el('li', null, p.label + ' (' + fmtInt(p.indexes.length) + ')');
          li.addEventListener('click', function () { pick(k); });
          list.appendChild(li);
        });
        if (input.value.trim() && !found.length) { list.appendChild(el('li', 'gm-none', 'no match')); }
      }
      function pick(k) {
        if (!found[k]) { return; }
        self.goTo(found[k]);
        list.textContent = '';
      }
      var timer = null;
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(show, 120); });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { clearTimeout(timer); show(); pick(0); }
        if (e.key === 'Escape') { input.value = ''; list.textContent = ''; }
      });
      box.appendChild(input);
      box.appendChild(list);
      self.searchInput = input;
      return box;
    }).addTo(this.map);
  };

  Geomap.prototype._sliderControl = function () {
    var self = this;
    var undatedCount = this.rows.filter(function (r) { return r[DAY] < 0; }).length;
    control('bottomleft', function () {
      var box = el('div', 'gm-panel gm-slider');
      box.appendChild(el('div', 'gm-label', 'Event dates'));
      if (!self.ndays) {
        box.appendChild(el('div', 'gm-meta', 'no dated incidents'));
        return box;
      }
      var labels = el('div', 'gm-range-labels');
      var fromLabel = el('span'), toLabel = el('span');
      labels.appendChild(fromLabel); labels.appendChild(el('span', null, ' – ')); labels.appendChild(toLabel);
      function range(value) {
        var r = el('input');
        r.type = 'range'; r.min = 0; r.max = self.ndays - 1; r.step = 1; r.value = value;
        return r;
      }
      var from = range(0), to = range(self.ndays - 1);
      from.className = 'gm-from'; to.className = 'gm-to';
      from.setAttribute('aria-label', 'From date'); to.setAttribute('aria-label', 'To date');
      function sync() {
        fromLabel.textContent = self.dateOf(Number(from.value));
        toLabel.textContent = self.dateOf(Number(to.value));
      }
      from.addEventListener('input', function () {
        if (Number(from.value) > Number(to.value)) { to.value = from.value; }
        sync();
      });
      to.addEventListener('input', function () {
        if (Number(to.value) < Number(from.value)) { from.value = to.value; }
        sync();
      });
      function commit() {
        self.from = Number(from.value); self.to = Number(to.value); self.ready = false; self.apply();
      }
      from.addEventListener('change', commit);
      to.addEventListener('change', commit);
      box.appendChild(labels); box.appendChild(from); box.appendChild(to);
      if (undatedCount) {
        var lab = el('label', 'gm-undated');
        var cb = el('input'); cb.type = 'checkbox'; cb.checked = true;
        cb.addEventListener('change', function () { self.undated = cb.checked; self.ready = false; self.apply(); });
        lab.appendChild(cb);
        lab.appendChild(document.createTextNode(' undated (' + fmtInt(undatedCount) + ')'));
        box.appendChild(lab);
      }
      self._syncSlider = function () { from.value = self.from; to.value = self.to; sync(); };
      sync();
      return box;
    }).addTo(this.map);
  };

  Geomap.prototype._syncSlider = function () {};

  Geomap.prototype._legendControl = function () {
    var self = this;
    control('bottomright', function () {
      var box = el('div', 'gm-panel gm-legend');
      box.appendChild(el('div', 'gm-label', 'Event type'));
      self.legendCounts = self.types.map(function (t) {
        var row = el('div', 'gm-legend-row');
        var sw = el('span', 'gm-swatch'); sw.style.background = t.color;
        var count = el('span', 'gm-count');
        row.appendChild(sw); row.appendChild(el('span', null, t.name + ' ')); row.appendChild(count);
        box.appendChild(row);
        return count;
      });
      var sym = el('div', 'gm-symbols');
      [['gm-sym gm-sym-town', 'town'], ['gm-sym gm-sym-near', 'near a town'],
       ['gm-sym gm-sym-region', 'region only'], ['gm-sym gm-sym-big', 'larger = more casualties']]
        .forEach(function (s) {
          var row = el('div', 'gm-legend-row');
          row.appendChild(el('span', s[0])); row.appendChild(el('span', null, s[1]));
          sym.appendChild(row);
        });
      box.appendChild(sym);
      return box;
    }).addTo(this.map);
  };

  Geomap.prototype._summaryControl = function () {
    var self = this;
    control('topright', function () {
      self.summaryBox = el('div', 'gm-panel gm-summary');
      return self.summaryBox;
    }).addTo(this.map);
  };

  Geomap.prototype.summary = function () {
    var s = {shown: 0, total: this.rows.length, killed: 0, injured: 0, byType: this.types.map(function () { return 0; }),
             first: null, last: null, places: 0};
    var places = {};
    for (var i = 0; i < this.rows.length; i++) {
      if (!this.shown[i]) { continue; }
      var r = this.rows[i];
      s.shown++; s.killed += r[FAT] || 0; s.injured += r[INJ] || 0; s.byType[r[TYPE]]++;
      if (r[DAY] >= 0) {
        if (s.first === null || r[DAY] < s.first) { s.first = r[DAY]; }
        if (s.last === null || r[DAY] > s.last) { s.last = r[DAY]; }
      }
      var key = r[LOC] + '|' + r[ADM1] + '|' + r[CC];
      if (!places[key]) { places[key] = 1; s.places++; }
    }
    s.first = s.first === null ? null : this.dateOf(s.first);
    s.last = s.last === null ? null : this.dateOf(s.last);
    return s;
  };

  Geomap.prototype._updateSummary = function () {
    var box = this.summaryBox, s = this.summary(), self = this;
    if (!box) { return; }
    box.textContent = '';
    box.appendChild(el('div', 'gm-label', 'Summary'));
    box.appendChild(el('div', 'gm-big', fmtInt(s.shown) + ' of ' + fmtInt(s.total) + ' incidents'));
    box.appendChild(el('div', null, s.first ? (s.first === s.last ? s.first : s.first + ' – ' + s.last) : 'no dates'));
    box.appendChild(el('div', null, fmtInt(s.killed) + ' killed · ' + fmtInt(s.injured) + ' injured · ' +
                       fmtInt(s.places) + (s.places === 1 ? ' place' : ' places')));
    (this.legendCounts || []).forEach(function (node, k) {
      node.textContent = s.byType[k] === self.totals[k] ? fmtInt(s.byType[k])
        : fmtInt(s.byType[k]) + ' of ' + fmtInt(self.totals[k]);
    });
  };

  /** The JSON of a data block: plain, or gzip + base64 when render.py packed a large one. */
  function readBlock(id) {
    var node = id ? document.getElementById(id) : null;
    if (!node) { return Promise.resolve(null); }
    if (node.getAttribute('data-encoding') !== 'base64') {
      return Promise.resolve(JSON.parse(node.textContent));
    }
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('this browser cannot unpack the map data (no DecompressionStream)'));
    }
    var bin = atob(node.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  window.GeomapInit = function (opts) {
    var started = performance.now();
    return Promise.all([readBlock(opts.dataId), readBlock(opts.outlinesId)]).then(function (blocks) {
      var read = performance.now();
      window.geomap = new Geomap(opts, blocks[0], blocks[1]);
      window.geomap.timings.start = started;
      window.geomap.timings.read = read - started;
      return window.geomap;
    }).catch(function (err) {
      console.error('geomap: ' + err.message);
      var box = el('div', 'gm-title gm-error', 'The map could not be drawn: ' + err.message);
      opts.map.getContainer().appendChild(box);
      throw err;
    });
  };
}());
