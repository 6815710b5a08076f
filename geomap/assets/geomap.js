/* geomap map runtime (MIT, part of geomap).
 * Reads the JSON blocks geomap/render.py embeds and builds the map: an offline basemap (land,
 * boundaries, place labels as DOM text), incidents as canvas shapes (colour and shape by type, area
 * by fatalities) in one cluster group, a fatality-weighted heatmap, optional tiles and user overlays;
 * and a side panel (a bottom sheet on phones): summary, filters merged with the legend, a timeline,
 * an incident list, layers, permalink and downloads.
 * News text is untrusted: it only ever reaches the page through textContent (or esc() where
 * Leaflet wants an HTML string); links keep http(s) URLs only.
 */
(function () {
  'use strict';

  // Row layout, kept in step with render.py ROW_FIELDS.
  var LAT = 0, LON = 1, TYPE = 2, SUB = 3, DAY = 4, TPREC = 5, GPREC = 6, FAT = 7, INJ = 8,
      LOC = 9, ADM1 = 10, CC = 11, ACT1 = 12, ACT2 = 13, QUOTES = 14, SRCS = 15, NOTES = 16, EID = 17;
  // Source layout: [title, url, outlet, published, article_id] as string indexes.
  var S_TITLE = 0, S_URL = 1, S_OUTLET = 2, S_PUB = 3, S_ID = 4;
  // Basemap label layout (render.py basemap_data): [lat, lon, name, kind, min_zoom, aliases, context].
  var L_LAT = 0, L_LON = 1, L_NAME = 2, L_KIND = 3, L_ZOOM = 4, L_ALIASES = 5, L_CONTEXT = 6;
  var KIND_NAMES = ['country', 'region', 'town'];
  var DAY_MS = 86400000;
  var TIME_PRECISION = {1: 'day', 2: 'week', 3: 'month'};
  var GEO_PRECISION = {1: 'town', 2: 'near a town or part of a region', 3: 'region only'};
  var LIST_PAGE = 100;
  var PHONE = '(max-width: 700px)';

  // ---- small helpers --------------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svgEl(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
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

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  /** '2025-11-02' -> '2 Nov 2025'. */
  function fmtDate(iso) {
    if (!iso) { return ''; }
    var p = iso.split('-');
    return Number(p[2]) + ' ' + MONTHS[Number(p[1]) - 1] + ' ' + p[0];
  }

  /** Lowercase without accents, for search. */
  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function button(text, cls, onClick) {
    var b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function checkbox(labelText, checked, onChange, cls) {
    var lab = el('label', cls || 'gm-check');
    var cb = el('input'); cb.type = 'checkbox'; cb.checked = checked;
    cb.addEventListener('change', function () { onChange(cb.checked); });
    lab.appendChild(cb);
    if (typeof labelText === 'string') { lab.appendChild(document.createTextNode(' ' + labelText)); }
    else { lab.appendChild(labelText); }
    lab.input = cb;
    return lab;
  }

  // ---- marker shapes: the second cue of each event type ---------------------------------

  /** The outline of a shape of radius r at (x, y) as points; null for a circle. */
  function shapePoints(shape, x, y, r) {
    var pts = [], k, a, n;
    function ring(count, radius, turn) {
      for (k = 0; k < count; k++) {
        a = turn + 2 * Math.PI * k / count;
        pts.push([x + radius * Math.cos(a), y + radius * Math.sin(a)]);
      }
    }
    switch (shape) {
      case 'square': n = r * 0.9; return [[x - n, y - n], [x + n, y - n], [x + n, y + n], [x - n, y + n]];
      case 'diamond': ring(4, r * 1.25, -Math.PI / 2); return pts;
      case 'triangle': ring(3, r * 1.3, -Math.PI / 2); return pts;
      case 'triangle-down': ring(3, r * 1.3, Math.PI / 2); return pts;
      case 'hexagon': ring(6, r * 1.1, 0); return pts;
      case 'star':
        for (k = 0; k < 10; k++) {
          a = -Math.PI / 2 + Math.PI * k / 5;
          n = k % 2 ? r * 0.62 : r * 1.35;
          pts.push([x + n * Math.cos(a), y + n * Math.sin(a)]);
        }
        return pts;
      case 'cross':
        n = r * 0.4; a = r * 1.15;
        return [[x - n, y - a], [x + n, y - a], [x + n, y - n], [x + a, y - n], [x + a, y + n], [x + n, y + n],
                [x + n, y + a], [x - n, y + a], [x - n, y + n], [x - a, y + n], [x - a, y - n], [x - n, y - n]];
      default: return null;
    }
  }

  L.Canvas.include({
    _updateGmShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx, r = Math.max(Math.round(layer._radius), 1);
      var pts = shapePoints(layer.options.shape, p.x, p.y, r);
      ctx.beginPath();
      if (!pts) {
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
      } else {
        ctx.moveTo(pts[0][0], pts[0][1]);
        for (var k = 1; k < pts.length; k++) { ctx.lineTo(pts[k][0], pts[k][1]); }
        ctx.closePath();
      }
      this._fillStroke(ctx, layer);
    }
  });

  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () { this._renderer._updateGmShape(this); }
  });

  /** The same shape as an inline SVG icon (legend, list, popup). */
  function shapeIcon(shape, colour, size, hollow) {
    var s = size || 14, c = s / 2, r = s * 0.34;
    var svg = svgEl('svg', {width: s, height: s, viewBox: '0 0 ' + s + ' ' + s, 'aria-hidden': 'true',
                            'class': 'gm-shape'});
    var pts = shapePoints(shape, c, c, r);
    var attrs = {fill: hollow ? 'none' : colour, stroke: hollow ? colour : 'var(--gm-marker-stroke)',
                 'stroke-width': hollow ? 1.6 : 1};
    var node = pts ? svgEl('polygon', Object.assign({points: pts.map(function (q) {
      return q[0].toFixed(1) + ',' + q[1].toFixed(1);
    }).join(' ')}, attrs)) : svgEl('circle', Object.assign({cx: c, cy: c, r: r * 1.05}, attrs));
    svg.appendChild(node);
    return svg;
  }

  /** Marker radius: area proportional to fatalities (sqrt scale, no cap), 5.5 px for none. */
  function radiusFor(fatalities) { return Math.sqrt(30 + 6.25 * Math.max(0, fatalities || 0)); }

  // ---- a heatmap weighted by fatalities, scaled to what is on screen ----------------------

  var WeightedHeat = L.HeatLayer.extend({
    /** Points are [lat, lon, weight]. Weights are summed per grid cell; cells are shown on a
     * square-root scale against the 95th percentile cell in view, so a few incidents stay visible and
     * 100,000 do not saturate into one block. */
    _redraw: function () {
      if (!this._map) { return; }
      var map = this._map, r = this._heat._r, size = map.getSize(), cell = Math.max(2, r / 2);
      var cells = {}, list = [], i, p, key, c, w, pts = this._latlngs;
      for (i = 0; i < pts.length; i++) {
        p = map.latLngToContainerPoint([pts[i][0], pts[i][1]]);
        if (p.x < -r || p.y < -r || p.x > size.x + r || p.y > size.y + r) { continue; }
        w = pts[i][2];
        key = Math.floor(p.x / cell) + ':' + Math.floor(p.y / cell);
        c = cells[key];
        if (!c) { c = cells[key] = [0, 0, 0]; list.push(c); }
        c[0] += p.x * w; c[1] += p.y * w; c[2] += w;
      }
      var values = list.map(function (q) { return Math.sqrt(q[2]); }).sort(function (a, b) { return a - b; });
      var top = values.length ? Math.max(1, values[Math.floor(0.95 * (values.length - 1))]) : 1;
      this._heat.max(1);
      this._heat.data(list.map(function (q) {
        return [Math.round(q[0] / q[2]), Math.round(q[1] / q[2]), Math.min(1, Math.sqrt(q[2]) / top)];
      })).draw(this.options.minOpacity);
      this._frame = null;
    }
  });

  // ---- place labels as DOM text ---------------------------------------------------------

  var LabelLayer = L.Layer.extend({
    initialize: function (labels) {
      // biggest first: countries, regions, then towns in population order (render.py's order)
      this.labels = labels.slice().sort(function (a, b) { return a[L_KIND] - b[L_KIND] || a[L_ZOOM] - b[L_ZOOM]; });
    },
    onAdd: function (map) {
      this._box = el('div', 'gm-labels');
      map.getPane('gm-labels').appendChild(this._box);
      map.on('moveend', this._update, this);  // after a zoom too
      this._update();
    },
    onRemove: function (map) {
      map.off('moveend', this._update, this);
      this._box.remove();
    },
    /** Show the labels due at this zoom inside the view, skipping any that would overlap one shown. */
    _update: function () {
      var map = this._map, zoom = map.getZoom(), view = map.getBounds().pad(0.2), placed = [], frag = document.createDocumentFragment();
      var charW = [7.5, 6.8, 6.2], height = [16, 15, 14], i, lab, p, w, h, box, k, clash, shown = 0;
      for (i = 0; i < this.labels.length && shown < 400; i++) {
        lab = this.labels[i];
        if (lab[L_ZOOM] > zoom || !view.contains([lab[L_LAT], lab[L_LON]])) { continue; }
        p = map.latLngToLayerPoint([lab[L_LAT], lab[L_LON]]);
        w = lab[L_NAME].length * charW[lab[L_KIND]] + 8; h = height[lab[L_KIND]];
        box = lab[L_KIND] === 2 ? [p.x - 4, p.y - h / 2, p.x + w, p.y + h / 2]
                                : [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
        clash = false;
        for (k = 0; k < placed.length && !clash; k++) {
          clash = box[0] < placed[k][2] && placed[k][0] < box[2] && box[1] < placed[k][3] && placed[k][1] < box[3];
        }
        if (clash) { continue; }
        placed.push(box);
        var node = el('div', 'gm-lbl gm-lbl-' + KIND_NAMES[lab[L_KIND]]);
        node.appendChild(el('span', null, lab[L_NAME]));
        L.DomUtil.setPosition(node, p);
        frag.appendChild(node);
        shown++;
      }
      this._box.textContent = '';
      this._box.appendChild(frag);
    }
  });

  // ---- the map --------------------------------------------------------------------------

  function Geomap(opts, data, basemap, config, overlays) {
    var self = this;
    this.data = data;
    this.basemap = basemap;
    this.config = config || {};
    this.strings = data.strings;
    this.rows = data.rows;
    this.types = data.types;
    this.day0 = data.day0 ? Date.parse(data.day0 + 'T00:00:00Z') : null;
    this.ndays = data.ndays || 0;
    this.f = this._defaultFilters();
    this.shown = new Uint8Array(this.rows.length);
    this.ready = false;
    this.busy = 0;
    this.pending = false;
    this._idle = [];
    this._heatDirty = true;
    this.timings = {};
    this.openId = null;

    var app = document.getElementById('gm-app'), mapDiv = document.getElementById('gm-map');
    this.side = el('aside', 'gm-side');
    this.side.id = 'gm-side';
    this.side.setAttribute('aria-label', 'Map panels');
    app.insertBefore(this.side, mapDiv);
    // The Leaflet map folium made (render.py: folium.Map, its div inside #gm-map), by its JS name;
    // without one (a page not built by folium) the same map is made here, on #gm-map itself.
    var made = opts.mapName ? window[opts.mapName] : null;
    this.mapName = made instanceof L.Map ? opts.mapName : null;
    if (this.mapName) {
      this.map = made;
      this.map.invalidateSize({pan: false});  // made before the side panel took its share of the width
    } else {
      this.map = L.map(mapDiv, {
        preferCanvas: true, minZoom: 1, maxZoom: 18, worldCopyJump: false,
        fullscreenControl: true, fullscreenControlOptions: {position: 'topleft'}
      });
      this.map.setView([20, 0], 2);  // a view before any layer; the data's own view follows
    }
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.control.scale({imperial: false}).addTo(this.map);
    if ('ResizeObserver' in window) {
      new ResizeObserver(function () { self.map.invalidateSize({pan: false}); }).observe(this.map.getContainer());
    }
    var map = this.map;
    [['gm-land', 150], ['gm-regions', 160], ['gm-labels', 170], ['gm-heat', 390]].forEach(function (p) {
      var pane = map.createPane(p[0]);
      pane.style.zIndex = p[1];
      pane.style.pointerEvents = 'none';
    });
    map.getPane('gm-labels').classList.add('leaflet-zoom-hide');
    // One canvas for markers, spider legs and overlays: a second canvas above would swallow the
    // clicks meant for the first.
    this.renderer = map.getRenderer(L.circleMarker([0, 0]));
    this.popup = L.popup({maxWidth: 360, maxHeight: 380, autoPanPadding: [12, 12]});
    map.on('popupclose', function (e) {
      if (e.popup === self.popup) { self.openId = null; self._markListRow(false); self._saveHash(); }
    });
    this._basemap(basemap);
    this._tiles(this.config.tiles);
    this._overlays(overlays || []);
    this.heat = L.heatLayer ? new WeightedHeat([], {radius: 18, blur: 20, minOpacity: 0.3, pane: 'gm-heat'}) : null;

    this.markerStroke = this._colours().stroke;  // dark on a light basemap, light on a dark one
    var t0 = performance.now();
    this.markers = this.rows.map(function (row, i) { return self._marker(row, i); });
    this.timings.markers = performance.now() - t0;
    this.markerCount = this.markers.length;
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 400, chunkDelay: 1,
      chunkProgress: function (done, total) { if (done === total) { self._applied(); } },
      showCoverageOnHover: false, spiderfyOnMaxZoom: true, maxClusterRadius: 50,
      spiderfyDistanceMultiplier: 1.8,
      iconCreateFunction: function (c) { return self._clusterIcon(c); }
    });
    this.cluster.on('click', function (e) {
      // keep a spiderfied fan open: the map's own click would fold it (with the Leaflet event,
      // stopPropagation marks it stopped for the map; with the DOM event it would not)
      L.DomEvent.stopPropagation(e);
      self._open(e.layer);
    });
    map.addLayer(this.cluster);

    this._searchControl();
    this._buildSide();
    var restored = this._readHash();
    if (!restored.view) { this._fit(); }
    map.on('moveend', function () { self._saveHash(); });
    if (restored.open) {
      this.whenIdle().then(function () { self.openIncidentById(restored.open); });
    }
    this._darkMode();
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
    var type = this.types[row[TYPE]];
    var style = {
      renderer: this.renderer, radius: radiusFor(row[FAT]), shape: type.shape,
      color: this.markerStroke, fillColor: type.color, weight: 1, opacity: 0.9, fillOpacity: 0.85
    };
    if (row[GPREC] === 3) {
      style.color = type.color; style.fillOpacity = 0.08; style.dashArray = '4 3'; style.weight = 2.5;
    } else if (row[GPREC] === 2) {
      style.fillOpacity = 0.5;
    }
    return style;
  };

  Geomap.prototype._marker = function (row, i) {
    var m = new ShapeMarker([row[LAT], row[LON]], this._style(row));
    m.gmIndex = i;
    return m;
  };

  /** A cluster icon: the count on a ring whose arcs show each event type's share, and the killed. */
  Geomap.prototype._clusterIcon = function (cluster) {
    var n = cluster.getChildCount(), counts = this.types.map(function () { return 0; }), killed = 0;
    cluster.getAllChildMarkers().forEach(function (m) {
      var row = this.rows[m.gmIndex];
      counts[row[TYPE]]++;
      killed += row[FAT] || 0;
    }, this);
    var stops = [], at = 0;
    counts.forEach(function (c, k) {
      if (!c) { return; }
      var next = at + 100 * c / n;
      stops.push(this.types[k].color + ' ' + at.toFixed(2) + '% ' + next.toFixed(2) + '%');
      at = next;
    }, this);
    var size = n < 10 ? 32 : n < 100 ? 38 : n < 1000 ? 44 : 50;
    var fat = killed ? '<div class="gm-fat">\u2020' + fmtInt(killed) + '</div>' : '';
    return L.divIcon({
      html: '<div class="gm-ring" style="background: conic-gradient(' + esc(stops.join(', ')) +
            ')"><div class="gm-core">' + fmtInt(n) + '</div></div>' + fat,
      className: 'gm-cluster',
      iconSize: L.point(size, size)
    });
  };

  // ---- basemap, tiles, overlays -----------------------------------------------------------

  Geomap.prototype._colours = function () {
    var css = getComputedStyle(document.documentElement);
    function v(name, dflt) { return (css.getPropertyValue(name) || '').trim() || dflt; }
    return {land: v('--gm-land', '#f2efe6'), border: v('--gm-border', '#7d7d7d'),
            region: v('--gm-region', '#a5a5a5'), stroke: v('--gm-marker-stroke', '#1b1b1b')};
  };

  Geomap.prototype._basemap = function (basemap) {
    this.layers = {};
    this.choro = {};
    if (!basemap) { return; }
    var c = this._colours();
    this.land = L.geoJSON(basemap.land, {
      pane: 'gm-land', renderer: L.canvas({pane: 'gm-land', padding: 0.5}), interactive: false,
      attribution: esc(basemap.attribution || ''),
      style: {color: c.border, weight: 0.8, fillColor: c.land, fillOpacity: 1}
    }).addTo(this.map);
    this.outlines = this.land;  // the former name
    this.regions = L.geoJSON(basemap.regions, {
      pane: 'gm-regions', renderer: L.canvas({pane: 'gm-regions', padding: 0.5}), interactive: false,
      style: {color: c.region, weight: 0.7, dashArray: '3 3', fill: false}
    }).addTo(this.map);
    this.labels = new LabelLayer(basemap.labels || []).addTo(this.map);
    this._choropleths(basemap.regions);
    this.layers['Land and country borders'] = this.land;
    this.layers['Region boundaries'] = this.regions;
    this.layers['Place labels'] = this.labels;
  };

  /** Two optional layers shading each first-level region by the incidents on show in it, or by their
   * killed: fill opacity on a square-root scale of the value against the largest region's. */
  Geomap.prototype._choropleths = function (regions) {
    var self = this;
    this.choro = {};
    if (!regions || !regions.features.length) { return; }
    this.map.createPane('gm-choro').style.zIndex = 165;
    this.map.getPane('gm-choro').style.pointerEvents = 'none';
    [['incidents', 'Regions shaded by incidents'], ['killed', 'Regions shaded by killed']].forEach(function (m) {
      var layer = L.geoJSON(regions, {pane: 'gm-choro', renderer: L.canvas({pane: 'gm-choro', padding: 0.5}),
                                      interactive: false, style: {stroke: false, fillOpacity: 0}});
      layer.gmMeasure = m[0];
      layer.on('add', function () { self._updateChoropleth(layer); });
      self.choro[m[0]] = layer;
      self.layers[m[1]] = layer;
    });
  };

  Geomap.prototype._updateChoropleth = function (layer) {
    if (!layer || !this.map.hasLayer(layer)) { return; }
    var totals = {}, top = 0, killed = layer.gmMeasure === 'killed', key, i, row;
    for (i = 0; i < this.rows.length; i++) {
      if (!this.shown[i]) { continue; }
      row = this.rows[i];
      key = this._areaKey(row, true);
      totals[key] = (totals[key] || 0) + (killed ? row[FAT] || 0 : 1);
      if (totals[key] > top) { top = totals[key]; }
    }
    layer.gmTop = top;
    layer.eachLayer(function (l) {
      var p = l.feature.properties, v = totals[p.cc + '/' + (p.name || '')] || 0;
      l.gmValue = v;
      l.setStyle({stroke: false, fillColor: '#b2182b', fillOpacity: v && top ? 0.08 + 0.62 * Math.sqrt(v / top) : 0});
    });
  };

  Geomap.prototype._darkMode = function () {
    var self = this, mq = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)');
    if (!mq || !mq.addEventListener || !this.land) { return; }
    mq.addEventListener('change', function () {
      var c = self._colours();
      self.land.setStyle({color: c.border, fillColor: c.land});
      self.regions.setStyle({color: c.region});
      self.markerStroke = c.stroke;
      self.markers.forEach(function (m) { m.setStyle(self._style(self.rows[m.gmIndex])); });
    });
  };

  Geomap.prototype._tiles = function (tiles) {
    if (!tiles) { return; }
    // above the offline basemap; where a tile fails to load the basemap shows through
    this.tiles = L.tileLayer(tiles.url, {attribution: tiles.attribution, maxZoom: tiles.max_zoom || 19,
                                         crossOrigin: false, errorTileUrl: ''}).addTo(this.map);
    this.tiles.on('tileerror', function (e) { if (e.tile) { e.tile.style.visibility = 'hidden'; } });
    this.layers['Online tiles'] = this.tiles;
  };

  Geomap.prototype._overlays = function (overlays) {
    var self = this, names = this.config.overlays || [];
    overlays.forEach(function (geojson, k) {
      var layer = L.geoJSON(geojson, {
        renderer: self.renderer,
        style: function (f) { return self._overlayStyle(f); },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, Object.assign({radius: 5, renderer: self.renderer}, self._overlayStyle(f)));
        },
        onEachFeature: function (f, l) {
          l.on('click', function (e) {
            L.DomEvent.stopPropagation(e);
            self.popup.setLatLng(e.latlng).setContent(self._propertiesContent(names[k], f.properties));
            self.map.openPopup(self.popup);
          });
        }
      }).addTo(self.map);
      self.layers['Overlay: ' + (names[k] || 'layer ' + (k + 1))] = layer;
    });
  };

  function colourOr(value, dflt) { return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value || '') ? value : dflt; }

  Geomap.prototype._overlayStyle = function (f) {
    var p = (f && f.properties) || {};
    return {color: colourOr(p.stroke, '#6a3d9a'), weight: Number(p['stroke-width']) || 2.5,
            fillColor: colourOr(p.fill, '#6a3d9a'), fillOpacity: Math.min(0.5, Number(p['fill-opacity']) || 0.15),
            opacity: 0.9};
  };

  Geomap.prototype._propertiesContent = function (name, props) {
    var root = el('div', 'gm-popup');
    root.appendChild(el('strong', null, name || 'Overlay'));
    var table = el('table', 'gm-facts');
    Object.keys(props || {}).slice(0, 40).forEach(function (k) {
      var v = props[k];
      addRow(table, k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
    });
    root.appendChild(table);
    return root;
  };

  // ---- filters ----------------------------------------------------------------------------

  Geomap.prototype._defaultFilters = function () {
    return {off: {}, sub: '', actor: '', minFat: 0, area: '', prec: {1: true, 2: true, 3: true},
            from: 0, to: Math.max(0, this.ndays - 1), undated: true};
  };

  Geomap.prototype._areaKey = function (row, withRegion) {
    var cc = this.str(row[CC]) || '?';
    return withRegion ? cc + '/' + (this.str(row[ADM1]) || '') : cc;
  };

  Geomap.prototype._actorText = function (i) {
    if (!this._actors) { this._actors = []; }
    var t = this._actors[i];
    if (t === undefined) {
      var row = this.rows[i];
      t = this._actors[i] = fold((this.str(row[ACT1]) || '') + ' | ' + (this.str(row[ACT2]) || ''));
    }
    return t;
  };

  Geomap.prototype._passes = function (i) {
    var row = this.rows[i], f = this.f;
    if (f.off[this.types[row[TYPE]].name] || !f.prec[row[GPREC]]) { return false; }
    if (f.sub && this.str(row[SUB]) !== f.sub) { return false; }
    if (f.minFat && (row[FAT] || 0) < f.minFat) { return false; }
    if (f.area && this._areaKey(row, f.area.indexOf('/') >= 0) !== f.area) { return false; }
    if (f.actor && this._actorText(i).indexOf(fold(f.actor)) < 0) { return false; }
    var day = row[DAY];
    if (day < 0) { return f.undated; }
    return day >= f.from && day <= f.to;
  };

  /** Show exactly the markers that pass the filters. */
  Geomap.prototype.apply = function () {
    if (this.busy) { this.pending = true; return; }
    this.ready = false;
    var add = [], remove = [], keep = 0, i, pass;
    for (i = 0; i < this.rows.length; i++) {
      pass = this._passes(i);
      if (pass) { keep++; }
      if (pass && !this.shown[i]) { add.push(this.markers[i]); }
      else if (!pass && this.shown[i]) { remove.push(this.markers[i]); }
      this.shown[i] = pass ? 1 : 0;
    }
    this.busy = 1;
    if (this.openId !== null && !this._shownId(this.openId)) { this.map.closePopup(this.popup); }
    if (remove.length > 2000 && remove.length > keep / 2) {
      this.cluster.clearLayers();
      add = this.markers.filter(function (m, j) { return this.shown[j]; }, this);
    } else if (remove.length) {
      this.cluster.removeLayers(remove);
    }
    this._heatDirty = true;
    this.cluster.addLayers(add, true);
  };

  Geomap.prototype._shownId = function (eventId) {
    var i = this.indexOf(eventId);
    return i >= 0 && this.shown[i];
  };

  Geomap.prototype.indexOf = function (eventId) {
    if (!this._ids) {
      this._ids = {};
      for (var i = 0; i < this.rows.length; i++) { this._ids[this.str(this.rows[i][EID])] = i; }
    }
    var k = this._ids[eventId];
    return k === undefined ? -1 : k;
  };

  Geomap.prototype._applied = function () {
    var self = this;
    this.busy = 0;
    if (this.pending) { this.pending = false; this.apply(); return; }
    this._updateHeat();
    this._updateChoropleth(this.choro.incidents);
    this._updateChoropleth(this.choro.killed);
    this._updateSummary();
    this._updateTimeline();
    this._updateList();
    this._saveHash();
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

  /** The indexes of the incidents on show, in row order. */
  Geomap.prototype.shownIndexes = function () {
    var out = [];
    for (var i = 0; i < this.rows.length; i++) { if (this.shown[i]) { out.push(i); } }
    return out;
  };

  /** Change some filters ({off, sub, actor, minFat, area, prec, from, to, undated}) and redraw. */
  Geomap.prototype.setFilters = function (changes) {
    Object.assign(this.f, changes || {});
    this._syncInputs();
    this.apply();
    return this.whenIdle();
  };

  Geomap.prototype.setTypeVisible = function (name, on) {
    if (!this.types.some(function (t) { return t.name === name; })) { throw new Error('no such event type: ' + name); }
    var off = Object.assign({}, this.f.off);
    if (on) { delete off[name]; } else { off[name] = true; }
    return this.setFilters({off: off});
  };

  Geomap.prototype.setDateRange = function (fromIso, toIso) {
    return this.setFilters({
      from: fromIso ? Math.max(0, this.dayOf(fromIso)) : 0,
      to: toIso ? Math.min(this.ndays - 1, this.dayOf(toIso)) : this.ndays - 1
    });
  };

  Geomap.prototype._updateHeat = function () {
    if (!this.heat || !this._heatDirty || !this.map.hasLayer(this.heat)) { return; }
    this._heatDirty = false;
    var pts = [];
    for (var i = 0; i < this.rows.length; i++) {
      if (this.shown[i]) { pts.push([this.rows[i][LAT], this.rows[i][LON], 1 + (this.rows[i][FAT] || 0)]); }
    }
    this.heat.setLatLngs(pts);
  };

  Geomap.prototype._fit = function () {
    if (!this.rows.length) { this.map.setView([20, 0], 2); return; }
    var minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
    this.rows.forEach(function (r) {
      if (r[LAT] < minLat) { minLat = r[LAT]; } if (r[LAT] > maxLat) { maxLat = r[LAT]; }
      if (r[LON] < minLon) { minLon = r[LON]; } if (r[LON] > maxLon) { maxLon = r[LON]; }
    });
    this.map.fitBounds(L.latLngBounds([minLat, minLon], [maxLat, maxLon]).pad(0.05),
                       {maxZoom: 9, animate: false, padding: [30, 30]});
  };

  // ---- popups -------------------------------------------------------------------------

  Geomap.prototype._open = function (marker) {
    var size = this.map.getSize();
    this.popup.options.maxWidth = Math.max(160, Math.min(360, size.x - 60));
    this.popup.options.minWidth = Math.min(220, size.x - 60);
    this.popup.options.maxHeight = Math.max(120, Math.min(380, size.y - 90));
    this.popup.setLatLng(marker.getLatLng()).setContent(this.popupContent(marker.gmIndex));
    this.openId = this.str(this.rows[marker.gmIndex][EID]);
    this.map.openPopup(this.popup);
    this._markListRow(true);
    this._saveHash();
  };

  /** The list row of the open incident stands out (and comes into view when asked). */
  Geomap.prototype._markListRow = function (scroll) {
    if (!this.listNode) { return; }
    var open = this.openId === null ? -1 : this.indexOf(this.openId);
    Array.prototype.forEach.call(this.listNode.querySelectorAll('.gm-row'), function (b) {
      var on = Number(b.getAttribute('data-index')) === open;
      b.classList.toggle('gm-row-open', on);
      if (on) { b.setAttribute('aria-current', 'true'); } else { b.removeAttribute('aria-current'); }
      if (on && scroll && b.scrollIntoView) { b.scrollIntoView({block: 'nearest'}); }
    });
  };

  /** Open the popup of incident i, zooming until its marker stands on its own. */
  Geomap.prototype.openIncident = function (i) {
    var self = this, marker = this.markers[i];
    return new Promise(function (resolve) {
      if (!self.shown[i]) { resolve(false); return; }
      // zoomToShowLayer waits for a move that never comes when a canvas marker (it has no icon)
      // already stands on its own in the view
      if (self.map.hasLayer(marker) && self.map.getBounds().contains(marker.getLatLng())) {
        self._open(marker); resolve(true); return;
      }
      self.cluster.zoomToShowLayer(marker, function () { self._open(marker); resolve(true); });
    });
  };

  Geomap.prototype.openIncidentById = function (eventId) {
    var i = this.indexOf(eventId);
    return i < 0 ? Promise.resolve(false) : this.openIncident(i);
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

  Geomap.prototype._placeText = function (row, withPrecision) {
    var parts = [this.str(row[LOC]), this.str(row[ADM1]), this.str(row[CC])];
    var seen = {}, kept = parts.filter(function (p) {
      if (!p || seen[p]) { return false; } seen[p] = 1; return true;
    });
    var text = kept.join(', ');
    return withPrecision === false ? text
      : text + ' (' + (GEO_PRECISION[row[GPREC]] || 'precision ' + row[GPREC]) + ')';
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

  /** The popup of incident i as a DOM node (all text through textContent); sources before quotes. */
  Geomap.prototype.popupContent = function (i) {
    var self = this, row = this.rows[i], type = this.types[row[TYPE]];
    var root = el('div', 'gm-popup');
    var head = el('div', 'gm-head');
    head.appendChild(shapeIcon(type.shape, type.color, 14, row[GPREC] === 3));
    head.appendChild(el('strong', null, ' ' + type.name));
    if (this.str(row[SUB])) { head.appendChild(el('span', 'gm-sub', ' · ' + this.str(row[SUB]))); }
    root.appendChild(head);
    var table = el('table', 'gm-facts');
    var date = this.dateOf(row[DAY]);
    addRow(table, 'Date', date ? fmtDate(date) + ' (' + (TIME_PRECISION[row[TPREC]] || 'precision ' + row[TPREC]) + ')' : 'unknown');
    addRow(table, 'Place', this._placeText(row));
    addRow(table, 'Casualties', this._casualties(row));
    addRow(table, 'Actors', [this.str(row[ACT1]), this.str(row[ACT2])].filter(Boolean).join(' vs. '));
    root.appendChild(table);
    var srcs = row[SRCS] || [];
    if (srcs.length) {
      root.appendChild(el('div', 'gm-label', srcs.length === 1 ? 'Source' : srcs.length + ' sources'));
      var ol = el('ol', 'gm-sources');
      srcs.forEach(function (s) { ol.appendChild(self._sourceItem(self.data.sources[s])); });
      root.appendChild(ol);
    }
    (row[QUOTES] || []).forEach(function (q) { root.appendChild(el('blockquote', 'gm-quote', q)); });
    if (this.str(row[NOTES])) { root.appendChild(el('p', 'gm-notes', this.str(row[NOTES]))); }
    root.appendChild(el('div', 'gm-id', this.str(row[EID])));
    return root;
  };

  // ---- the side panel -----------------------------------------------------------------

  /** A collapsible section: a heading with a toggle button, and a body. */
  Geomap.prototype._section = function (key, title, open) {
    var sec = el('section', 'gm-section gm-sec-' + key);
    var h = el('h2', 'gm-section-head');
    var body = el('div', 'gm-section-body');
    body.id = 'gm-body-' + key;
    var b = button(title, 'gm-toggle', function () { setOpen(b.getAttribute('aria-expanded') !== 'true'); });
    b.setAttribute('aria-controls', body.id);
    var self = this;
    function setOpen(on) {
      b.setAttribute('aria-expanded', on ? 'true' : 'false');
      body.hidden = !on;
      if (on && key === 'list') { self._updateList(); }
    }
    setOpen(open);
    h.appendChild(b);
    sec.appendChild(h);
    sec.appendChild(body);
    this.sideBody.appendChild(sec);
    sec.setOpen = setOpen;
    this.sections[key] = sec;
    return body;
  };

  Geomap.prototype._buildSide = function () {
    var self = this, phone = window.matchMedia && window.matchMedia(PHONE).matches;
    var head = el('header', 'gm-side-head');
    var titleRow = el('div', 'gm-title-row');
    this.titleNode = el('h1', 'gm-title', this.data.title || 'Incidents');
    titleRow.appendChild(this.titleNode);
    this.sheetButton = button('Panels', 'gm-sheet-toggle', function () {
      self._setSheet(!self.side.classList.contains('gm-open'));
    });
    this.sheetButton.setAttribute('aria-controls', 'gm-side-body');
    titleRow.appendChild(this.sheetButton);
    head.appendChild(titleRow);
    this.summaryBox = el('div', 'gm-summary');
    this.summaryBox.setAttribute('aria-live', 'polite');
    head.appendChild(this.summaryBox);
    this.side.appendChild(head);
    this.sideBody = el('div', 'gm-side-body');
    this.sideBody.id = 'gm-side-body';
    this.side.appendChild(this.sideBody);
    this.sections = {};
    this._filtersPanel(this._section('filters', 'Filters and legend', true));
    this._timelinePanel(this._section('timeline', 'Timeline', true));
    this._listPanel(this._section('list', 'Incident list', !phone));
    this._layersPanel(this._section('layers', 'Layers', false));
    this._sharePanel(this._section('share', 'Link and download', false));
    this._setSheet(!phone);
  };

  /** Phones: the side panel is a bottom sheet, folded to its header until asked for. */
  Geomap.prototype._setSheet = function (open) {
    this.side.classList.toggle('gm-open', open);
    this.sheetButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    this.sheetButton.textContent = open ? 'Hide panels' : 'Panels';
  };

  Geomap.prototype._filtersPanel = function (body) {
    var self = this;
    this.inputs = {};
    this.totals = this.types.map(function () { return 0; });
    this.rows.forEach(function (row) { self.totals[row[TYPE]] += 1; });
    var types = el('fieldset', 'gm-types');
    types.appendChild(el('legend', 'gm-label', 'Event type'));
    this.typeChecks = this.types.map(function (t) {
      var text = el('span', 'gm-type-label');
      text.appendChild(shapeIcon(t.shape, t.color, 15));
      text.appendChild(el('span', null, ' ' + t.name + ' '));
      var count = el('span', 'gm-count');
      text.appendChild(count);
      var lab = checkbox(text, true, function (on) { self.setTypeVisible(t.name, on); }, 'gm-check gm-type');
      lab.count = count;
      types.appendChild(lab);
      return lab;
    });
    body.appendChild(types);

    var grid = el('div', 'gm-filter-grid');
    function field(label, input) {
      var lab = el('label', 'gm-field');
      lab.appendChild(el('span', 'gm-label', label));
      lab.appendChild(input);
      grid.appendChild(lab);
      return input;
    }
    function select(options) {
      var s = el('select');
      options.forEach(function (o) {
        if (o.group) {
          var g = el('optgroup'); g.label = o.group;
          o.options.forEach(function (p) { var op = el('option', null, p[1]); op.value = p[0]; g.appendChild(op); });
          s.appendChild(g);
        } else {
          var op = el('option', null, o[1]); op.value = o[0]; s.appendChild(op);
        }
      });
      return s;
    }
    var subs = {};
    this.rows.forEach(function (r) { var s = self.str(r[SUB]); if (s) { subs[s] = 1; } });
    this.inputs.sub = field('Sub-event type', select([['', 'any']].concat(
      Object.keys(subs).sort().map(function (s) { return [s, s]; }))));
    this.inputs.sub.addEventListener('change', function () { self.setFilters({sub: self.inputs.sub.value}); });

    var areas = {}, countries = this.basemap && this.basemap.countries || {};
    this.rows.forEach(function (r) {
      var cc = self.str(r[CC]) || '?';
      areas[cc] = areas[cc] || {};
      if (self.str(r[ADM1])) { areas[cc][self.str(r[ADM1])] = 1; }
    });
    var areaOptions = [['', 'anywhere']];
    Object.keys(areas).sort().forEach(function (cc) {
      var name = countries[cc] || cc;
      areaOptions.push({group: name, options: [[cc, 'All of ' + name]].concat(
        Object.keys(areas[cc]).sort().map(function (a) { return [cc + '/' + a, a]; }))});
    });
    this.inputs.area = field('Country or region', select(areaOptions));
    this.inputs.area.addEventListener('change', function () { self.setFilters({area: self.inputs.area.value}); });

    var actor = el('input'); actor.type = 'search'; actor.placeholder = 'any actor';
    var actorList = el('datalist'); actorList.id = 'gm-actors';
    var actors = {};
    this.rows.forEach(function (r) { [r[ACT1], r[ACT2]].forEach(function (a) { if (a >= 0) { actors[a] = 1; } }); });
    Object.keys(actors).slice(0, 500).forEach(function (a) { var o = el('option'); o.value = self.str(Number(a)); actorList.appendChild(o); });
    actor.setAttribute('list', 'gm-actors');
    this.inputs.actor = field('Actor (contains)', actor);
    grid.appendChild(actorList);
    var actorTimer = null;
    actor.addEventListener('input', function () {
      clearTimeout(actorTimer);
      actorTimer = setTimeout(function () { self.setFilters({actor: actor.value.trim()}); }, 250);
    });

    var minFat = el('input'); minFat.type = 'number'; minFat.min = 0; minFat.step = 1; minFat.value = 0;
    this.inputs.minFat = field('Minimum killed', minFat);
    minFat.addEventListener('change', function () {
      self.setFilters({minFat: Math.max(0, Math.floor(Number(minFat.value) || 0))});
    });
    body.appendChild(grid);

    var prec = el('fieldset', 'gm-prec');
    prec.appendChild(el('legend', 'gm-label', 'Location precision'));
    this.precChecks = [[1, 'town', 0.85], [2, 'near a town', 0.5], [3, 'region only (hollow)', 0]].map(function (p) {
      var text = el('span');
      var icon = shapeIcon('circle', 'var(--gm-text-soft)', 14, p[0] === 3);
      if (p[0] === 2) { icon.firstChild.setAttribute('fill-opacity', '0.5'); }
      text.appendChild(icon);
      text.appendChild(document.createTextNode(' ' + p[1]));
      var lab = checkbox(text, true, function (on) {
        var next = Object.assign({}, self.f.prec); next[p[0]] = on; self.setFilters({prec: next});
      });
      prec.appendChild(lab);
      return lab;
    });
    body.appendChild(prec);

    var key = el('div', 'gm-key');
    key.appendChild(el('span', 'gm-label', 'Size: area ∝ killed'));
    var sizes = el('div', 'gm-sizes');
    [0, 10, 100].forEach(function (n) {
      var r = radiusFor(n), d = Math.ceil(2 * r + 2);
      var svg = svgEl('svg', {width: d, height: d, viewBox: '0 0 ' + d + ' ' + d, 'aria-hidden': 'true'});
      svg.appendChild(svgEl('circle', {cx: d / 2, cy: d / 2, r: r, fill: 'none', stroke: 'currentColor'}));
      var item = el('span', 'gm-size');
      item.appendChild(svg);
      item.appendChild(el('span', null, n ? fmtInt(n) : 'none'));
      sizes.appendChild(item);
    });
    key.appendChild(sizes);
    key.appendChild(el('div', 'gm-meta', 'Clusters: incidents, † killed. Heatmap: each incident counts 1 + its killed.'));
    body.appendChild(key);
    body.appendChild(button('Reset filters', 'gm-button', function () {
      self.f = self._defaultFilters(); self._syncInputs(); self.apply();
    }));
  };

  /** Put the filter inputs in step with this.f (after a permalink or an API call). */
  Geomap.prototype._syncInputs = function () {
    var f = this.f, self = this;
    if (!this.inputs) { return; }
    this.typeChecks.forEach(function (lab, k) { lab.input.checked = !f.off[self.types[k].name]; });
    this.precChecks.forEach(function (lab, k) { lab.input.checked = !!f.prec[k + 1]; });
    this.inputs.sub.value = f.sub; this.inputs.area.value = f.area;
    this.inputs.actor.value = f.actor; this.inputs.minFat.value = f.minFat;
    if (this._syncSlider) { this._syncSlider(); }
  };

  // ---- the timeline ---------------------------------------------------------------------

  Geomap.prototype._timelinePanel = function (body) {
    var self = this;
    var undatedCount = this.rows.filter(function (r) { return r[DAY] < 0; }).length;
    if (!this.ndays) {
      body.appendChild(el('div', 'gm-meta', 'no dated incidents'));
      return;
    }
    var nbins = Math.min(this.ndays, 366), per = Math.ceil(this.ndays / nbins);
    nbins = Math.ceil(this.ndays / per);
    this.bin = {per: per, n: nbins};
    var counts = new Array(nbins).fill(0), killed = new Array(nbins).fill(0);
    this.rows.forEach(function (r) {
      if (r[DAY] >= 0) { var b = Math.floor(r[DAY] / per); counts[b]++; killed[b] += r[FAT] || 0; }
    });
    var maxC = Math.max.apply(null, counts.concat([1])), maxK = Math.max.apply(null, killed.concat([1]));
    var svg = svgEl('svg', {'class': 'gm-hist', viewBox: '0 0 ' + nbins + ' 40', preserveAspectRatio: 'none',
                            role: 'img', 'aria-label': 'Incidents per ' + (per === 1 ? 'day' : per + ' days') +
                            ' (bars) and killed (line)'});
    this.bars = counts.map(function (c, b) {
      var h = 38 * c / maxC, first = b * per, last = Math.min(self.ndays - 1, first + per - 1);
      // a full-height hit area per bin: a click shows just that day (or bin)
      var hit = svgEl('rect', {x: b, y: 0, width: 1, height: 40, 'class': 'gm-bin'});
      var tip = svgEl('title');
      tip.textContent = fmtDate(self.dateOf(first)) + (last > first ? ' – ' + fmtDate(self.dateOf(last)) : '') +
        ': ' + fmtInt(c) + (c === 1 ? ' incident, ' : ' incidents, ') + fmtInt(killed[b]) + ' killed';
      hit.appendChild(tip);
      hit.addEventListener('click', function () { self.stopPlay(); self.setFilters({from: first, to: last}); });
      svg.appendChild(hit);
      var rect = svgEl('rect', {x: b + 0.1, y: 40 - h, width: 0.8, height: h, 'class': 'gm-bar'});
      svg.appendChild(rect);
      return rect;
    });
    svg.appendChild(svgEl('polyline', {'class': 'gm-killed-line', 'vector-effect': 'non-scaling-stroke',
      points: killed.map(function (k, b) { return (b + 0.5) + ',' + (40 - 38 * k / maxK).toFixed(2); }).join(' ')}));
    var wrap = el('div', 'gm-range');
    wrap.appendChild(svg);
    function range(value, cls, label) {
      var r = el('input', cls);
      r.type = 'range'; r.min = 0; r.max = self.ndays - 1; r.step = 1; r.value = value;
      r.setAttribute('aria-label', label);
      wrap.appendChild(r);
      return r;
    }
    var from = range(this.f.from, 'gm-from', 'From date'), to = range(this.f.to, 'gm-to', 'To date');
    body.appendChild(wrap);
    var labels = el('div', 'gm-range-labels');
    var fromLabel = el('span'), toLabel = el('span');
    labels.appendChild(fromLabel); labels.appendChild(el('span', null, ' – ')); labels.appendChild(toLabel);
    body.appendChild(labels);
    body.appendChild(el('div', 'gm-meta', 'Bars: incidents per ' + (per === 1 ? 'day' : per + ' days') +
                        ' (peak ' + fmtInt(maxC) + '); line: killed (peak ' + fmtInt(maxK) + ').'));
    function sync() {
      fromLabel.textContent = fmtDate(self.dateOf(Number(from.value)));
      toLabel.textContent = fmtDate(self.dateOf(Number(to.value)));
      from.setAttribute('aria-valuetext', fromLabel.textContent);
      to.setAttribute('aria-valuetext', toLabel.textContent);
    }
    from.addEventListener('input', function () {
      if (Number(from.value) > Number(to.value)) { to.value = from.value; }
      sync();
    });
    to.addEventListener('input', function () {
      if (Number(to.value) < Number(from.value)) { from.value = to.value; }
      sync();
    });
    function commit() { self.setFilters({from: Number(from.value), to: Number(to.value)}); }
    from.addEventListener('change', commit);
    to.addEventListener('change', commit);
    var controls = el('div', 'gm-time-controls');
    this.playButton = button('▶ Play', 'gm-button gm-play', function () { self.togglePlay(); });
    this.playButton.setAttribute('aria-pressed', 'false');
    controls.appendChild(this.playButton);
    controls.appendChild(button('All dates', 'gm-button', function () {
      self.stopPlay(); self.setFilters({from: 0, to: self.ndays - 1});
    }));
    if (undatedCount) {
      this.undatedCheck = checkbox('undated (' + fmtInt(undatedCount) + ')', true, function (on) {
        self.setFilters({undated: on});
      }, 'gm-check gm-undated');
      controls.appendChild(this.undatedCheck);
    }
    body.appendChild(controls);
    this._syncSlider = function () {
      from.value = self.f.from; to.value = self.f.to; sync();
      if (self.undatedCheck) { self.undatedCheck.input.checked = self.f.undated; }
    };
    sync();
  };

  Geomap.prototype._updateTimeline = function () {
    if (!this.bars) { return; }
    var per = this.bin.per, f = this.f;
    this.bars.forEach(function (rect, b) {
      var inside = (b + 1) * per - 1 >= f.from && b * per <= f.to;
      rect.setAttribute('class', inside ? 'gm-bar' : 'gm-bar gm-bar-out');
    });
  };

  /** Play: a window (one day, or the current range's length) steps a day at a time to the end. */
  Geomap.prototype.togglePlay = function () {
    var self = this;
    if (this.playTimer) { this.stopPlay(); return; }
    if (!this.ndays) { return; }
    if (this.f.to >= this.ndays - 1) {
      var width = this.f.from === 0 ? 0 : this.f.to - this.f.from;
      this.f.from = 0; this.f.to = width;
    }
    this.playButton.textContent = '❚❚ Pause';
    this.playButton.setAttribute('aria-pressed', 'true');
    function step() {
      self.setFilters({}).then(function () {
        if (!self.playTimer) { return; }
        if (self.f.to >= self.ndays - 1) { self.stopPlay(); return; }
        self.playTimer = setTimeout(function () {
          self.f.from += 1; self.f.to += 1; step();
        }, 500);
      });
    }
    this.playTimer = -1;
    step();
  };

  Geomap.prototype.stopPlay = function () {
    if (this.playTimer && this.playTimer !== -1) { clearTimeout(this.playTimer); }
    this.playTimer = null;
    if (this.playButton) {
      this.playButton.textContent = '▶ Play';
      this.playButton.setAttribute('aria-pressed', 'false');
    }
  };

  // ---- the incident list ----------------------------------------------------------------

  Geomap.prototype._listPanel = function (body) {
    var self = this;
    var bar = el('div', 'gm-list-bar');
    this.sortSelect = el('select');
    this.sortSelect.setAttribute('aria-label', 'Sort the incidents');
    [['new', 'newest first'], ['old', 'oldest first'], ['killed', 'most killed first'], ['place', 'by place']]
      .forEach(function (o) { var op = el('option', null, o[1]); op.value = o[0]; self.sortSelect.appendChild(op); });
    this.sortSelect.addEventListener('change', function () { self.listLimit = LIST_PAGE; self._updateList(); });
    this.listNote = el('span', 'gm-meta');
    bar.appendChild(this.sortSelect);
    bar.appendChild(this.listNote);
    body.appendChild(bar);
    this.listNode = el('ol', 'gm-list');
    body.appendChild(this.listNode);
    this.moreButton = button('Show more', 'gm-button', function () { self.listLimit += LIST_PAGE; self._updateList(); });
    body.appendChild(this.moreButton);
    this.listLimit = LIST_PAGE;
  };

  Geomap.prototype._sorted = function () {
    var rows = this.rows, self = this, idx = this.shownIndexes(), by = this.sortSelect ? this.sortSelect.value : 'new';
    function day(i) { return rows[i][DAY] < 0 ? -1 : rows[i][DAY]; }
    var cmp = {
      'new': function (a, b) { return day(b) - day(a) || a - b; },
      old: function (a, b) { return (day(a) < 0) - (day(b) < 0) || day(a) - day(b) || a - b; },
      killed: function (a, b) { return (rows[b][FAT] || 0) - (rows[a][FAT] || 0) || day(b) - day(a) || a - b; },
      place: function (a, b) {
        return (self.str(rows[a][LOC]) || '').localeCompare(self.str(rows[b][LOC]) || '') || day(b) - day(a) || a - b;
      }
    }[by];
    return idx.sort(cmp);
  };

  Geomap.prototype._updateList = function () {
    if (!this.listNode || !this.sections.list || this.sections.list.querySelector('.gm-section-body').hidden) { return; }
    var order = this._sorted(), n = Math.min(order.length, this.listLimit);
    var frag = document.createDocumentFragment();
    for (var k = 0; k < n; k++) { frag.appendChild(this._listRow(order[k])); }
    this.listNode.textContent = '';
    this.listNode.appendChild(frag);
    this.listNote.textContent = n < order.length ? ' first ' + fmtInt(n) + ' of ' + fmtInt(order.length)
                                                 : ' ' + fmtInt(order.length) + ' incidents';
    this.moreButton.hidden = n >= order.length;
    this._markListRow(false);
  };

  Geomap.prototype._listRow = function (i) {
    var self = this, row = this.rows[i], type = this.types[row[TYPE]];
    var li = el('li');
    var b = button('', 'gm-row', function () { self.openIncident(i); });
    b.setAttribute('data-index', i);
    b.appendChild(shapeIcon(type.shape, type.color, 14, row[GPREC] === 3));
    var main = el('span', 'gm-row-main');
    main.appendChild(el('span', 'gm-row-type', type.name + (this.str(row[SUB]) ? ' · ' + this.str(row[SUB]) : '')));
    main.appendChild(el('span', 'gm-row-place', this._placeText(row, false)));
    b.appendChild(main);
    var side = el('span', 'gm-row-side');
    side.appendChild(el('span', 'gm-row-date', fmtDate(this.dateOf(row[DAY])) || 'undated'));
    var hurt = [];
    if (row[FAT]) { hurt.push(fmtInt(row[FAT]) + ' killed'); }
    if (row[INJ]) { hurt.push(fmtInt(row[INJ]) + ' injured'); }
    side.appendChild(el('span', 'gm-row-hurt', hurt.join(', ')));
    b.appendChild(side);
    li.appendChild(b);
    return li;
  };

  // ---- layers, link, downloads ------------------------------------------------------------

  Geomap.prototype._layersPanel = function (body) {
    var self = this, map = this.map;
    var all = [['Incidents', this.cluster]];
    if (this.heat) { all.push(['Heatmap (weighted by killed)', this.heat]); }
    Object.keys(this.layers).forEach(function (name) { all.push([name, self.layers[name]]); });
    this.layerChecks = {};
    all.forEach(function (pair) {
      var lab = checkbox(pair[0], map.hasLayer(pair[1]), function (on) {
        if (on) { map.addLayer(pair[1]); } else { map.removeLayer(pair[1]); }
        if (pair[1] === self.heat) { self._heatDirty = true; self._updateHeat(); }
      });
      self.layerChecks[pair[0]] = lab.input;
      body.appendChild(lab);
    });
    if (this.choro.incidents) {
      body.appendChild(el('div', 'gm-meta', 'Shaded regions: the darkest is the region with the most; the ' +
                          'shade grows with the square root of the count.'));
    }
  };

  Geomap.prototype._sharePanel = function (body) {
    var self = this;
    var status = el('div', 'gm-meta');
    status.setAttribute('role', 'status');
    body.appendChild(button('Copy link to this view', 'gm-button', function () {
      self._saveHash(true);
      var url = location.href;
      var done = function () { status.textContent = 'Link copied.'; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { self._showLink(status, url); });
      } else {
        self._showLink(status, url);
      }
    }));
    body.appendChild(button('Download GeoJSON (filtered)', 'gm-button gm-dl-geojson', function () {
      download('incidents-filtered.geojson', 'application/geo+json', JSON.stringify(self.exportGeoJSON()));
    }));
    body.appendChild(button('Download CSV (filtered)', 'gm-button gm-dl-csv', function () {
      download('incidents-filtered.csv', 'text/csv', self.exportCSV());
    }));
    body.appendChild(button('Print', 'gm-button', function () { window.print(); }));
    body.appendChild(status);
  };

  Geomap.prototype._showLink = function (status, url) {
    status.textContent = '';
    var input = el('input'); input.type = 'text'; input.readOnly = true; input.value = url;
    input.setAttribute('aria-label', 'Link to this view');
    status.appendChild(input);
    input.select();
  };

  function download(name, type, text) {
    var a = el('a');
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  var EXPORT_FIELDS = ['event_id', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'location',
    'admin1', 'country', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'injured', 'actor1', 'actor2',
    'quote', 'source', 'source_url', 'source_count', 'notes', 'article_ids'];

  Geomap.prototype._exportProps = function (i) {
    var row = this.rows[i], self = this, srcs = (row[SRCS] || []).map(function (s) { return self.data.sources[s]; });
    function joined(k) { return srcs.map(function (s) { return self.str(s[k]); }).filter(Boolean).join('; ') || null; }
    return {
      event_id: this.str(row[EID]), event_date: this.dateOf(row[DAY]), time_precision: row[TPREC],
      event_type: this.types[row[TYPE]].name, sub_event_type: this.str(row[SUB]), location: this.str(row[LOC]),
      admin1: this.str(row[ADM1]), country: this.str(row[CC]), latitude: row[LAT], longitude: row[LON],
      geo_precision: row[GPREC], fatalities: row[FAT], injured: row[INJ], actor1: this.str(row[ACT1]),
      actor2: this.str(row[ACT2]), quote: (row[QUOTES] || []).join('; ') || null,
      source: srcs.map(function (s) { return self.str(s[S_TITLE]) || self.str(s[S_ID]); }).filter(Boolean).join('; ') || null,
      source_url: joined(S_URL), source_count: srcs.length, notes: this.str(row[NOTES]), article_ids: joined(S_ID)
    };
  };

  /** The incidents on show as a GeoJSON FeatureCollection (the fields of incidents.geojson's core). */
  Geomap.prototype.exportGeoJSON = function () {
    var self = this;
    return {type: 'FeatureCollection', features: this.shownIndexes().map(function (i) {
      var p = self._exportProps(i);
      return {type: 'Feature', id: p.event_id, geometry: {type: 'Point', coordinates: [p.longitude, p.latitude]},
              properties: p};
    })};
  };

  function csvCell(v) {
    if (v === null || v === undefined) { return ''; }
    var s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; }  // no spreadsheet formulas
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  Geomap.prototype.exportCSV = function () {
    var self = this, lines = [EXPORT_FIELDS.join(',')];
    this.shownIndexes().forEach(function (i) {
      var p = self._exportProps(i);
      lines.push(EXPORT_FIELDS.map(function (k) { return csvCell(p[k]); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  };

  // ---- permalinks -----------------------------------------------------------------------

  /** The view, filters, dates and open incident as URL hash parameters. */
  Geomap.prototype.hashState = function () {
    var f = this.f, p = new URLSearchParams(), c = this.map.getCenter();
    p.set('map', this.map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    var off = Object.keys(f.off).filter(function (k) { return f.off[k]; });
    if (off.length) { p.set('hide', off.join('~')); }
    if (f.sub) { p.set('sub', f.sub); }
    if (f.actor) { p.set('actor', f.actor); }
    if (f.minFat) { p.set('minkilled', f.minFat); }
    if (f.area) { p.set('area', f.area); }
    var prec = [1, 2, 3].filter(function (k) { return f.prec[k]; }).join('');
    if (prec !== '123') { p.set('prec', prec || '0'); }
    if (this.ndays && (f.from > 0 || f.to < this.ndays - 1)) {
      p.set('from', this.dateOf(f.from)); p.set('to', this.dateOf(f.to));
    }
    if (!f.undated) { p.set('undated', '0'); }
    if (this.openId) { p.set('open', this.openId); }
    return p.toString();
  };

  Geomap.prototype._saveHash = function (now) {
    var self = this;
    if (!this.hashReady) { return; }
    clearTimeout(this._hashTimer);
    var write = function () {
      try { history.replaceState(null, '', '#' + self.hashState()); } catch (e) { /* sandboxed frame */ }
    };
    if (now) { write(); } else { this._hashTimer = setTimeout(write, 150); }
  };

  Geomap.prototype._readHash = function () {
    var out = {view: false, open: null}, f = this.f;
    var p = new URLSearchParams((location.hash || '').replace(/^#/, ''));
    var view = (p.get('map') || '').split('/').map(Number);
    if (view.length === 3 && view.every(isFinite)) {
      this.map.setView([view[1], view[2]], view[0], {animate: false});
      out.view = true;
    }
    (p.get('hide') || '').split('~').forEach(function (name) { if (name) { f.off[name] = true; } });
    f.sub = p.get('sub') || '';
    f.actor = p.get('actor') || '';
    f.minFat = Math.max(0, Math.floor(Number(p.get('minkilled')) || 0));
    f.area = p.get('area') || '';
    if (p.get('prec') !== null) {
      var prec = p.get('prec');
      f.prec = {1: prec.indexOf('1') >= 0, 2: prec.indexOf('2') >= 0, 3: prec.indexOf('3') >= 0};
    }
    if (p.get('from') && p.get('to') && this.ndays) {
      f.from = Math.max(0, Math.min(this.ndays - 1, this.dayOf(p.get('from'))));
      f.to = Math.max(f.from, Math.min(this.ndays - 1, this.dayOf(p.get('to'))));
    }
    f.undated = p.get('undated') !== '0';
    out.open = p.get('open');
    this._syncInputs();
    this.hashReady = true;
    return out;
  };

  // ---- search ---------------------------------------------------------------------------

  Geomap.prototype._placesIndex = function () {
    var places = {}, list = [];
    for (var i = 0; i < this.rows.length; i++) {
      var row = this.rows[i];
      var key = row[LOC] + '|' + row[ADM1] + '|' + row[CC];
      var p = places[key];
      if (!p) {
        var name = this.str(row[LOC]) || '';
        p = places[key] = {name: name, folded: fold(name), aliases: '', label: this._placeText(row, false),
                           indexes: [], lat: row[LAT], lon: row[LON], kind: 'incidents'};
        list.push(p);
      }
      p.indexes.push(i);
    }
    list.sort(function (a, b) { return b.indexes.length - a.indexes.length; });
    var labels = (this.basemap && this.basemap.labels) || [];
    labels.forEach(function (lab) {
      list.push({name: lab[L_NAME], folded: fold(lab[L_NAME]), aliases: '|' + (lab[L_ALIASES] || '') + '|',
                 label: lab[L_NAME] + (lab[L_CONTEXT] ? ', ' + lab[L_CONTEXT] : ''), indexes: [],
                 lat: lab[L_LAT], lon: lab[L_LON], kind: KIND_NAMES[lab[L_KIND]]});
    });
    return list;
  };

  /** Places whose name or alias matches the query: incident places, then the gazetteer's
   * countries, regions and towns of the map's area; prefix matches first. */
  Geomap.prototype.search = function (query, limit) {
    var q = fold(query);
    if (!q) { return []; }
    if (!this.places) { this.places = this._placesIndex(); }
    var starts = [], alias = [], contains = [], seen = {};
    for (var i = 0; i < this.places.length; i++) {
      var p = this.places[i], at = p.folded.indexOf(q), key = p.folded + '|' + p.lat.toFixed(1) + '|' + p.lon.toFixed(1);
      if (at < 0 && p.aliases.indexOf('|' + q) < 0) { continue; }
      if (seen[key]) { continue; }
      seen[key] = 1;
      if (at === 0) { starts.push(p); } else if (at > 0) { contains.push(p); } else { alias.push(p); }
    }
    return starts.concat(alias, contains).slice(0, limit || 10);
  };

  Geomap.prototype.goTo = function (place) {
    var self = this;
    if (place.indexes.length) {
      var pts = place.indexes.map(function (i) { return [self.rows[i][LAT], self.rows[i][LON]]; });
      this.map.fitBounds(L.latLngBounds(pts).pad(0.2), {maxZoom: 11});
    } else {
      this.map.setView([place.lat, place.lon], {country: 5, region: 7, town: 11}[place.kind] || 9);
    }
    var ring = L.circleMarker([place.lat, place.lon], {
      radius: 24, color: '#111', weight: 3, fill: false, dashArray: '2 4', interactive: false
    }).addTo(this.map);
    setTimeout(function () { self.map.removeLayer(ring); }, 2500);
  };

  Geomap.prototype._searchControl = function () {
    var self = this;
    var Ctl = L.Control.extend({
      options: {position: 'topright'},
      onAdd: function () {
        var box = el('div', 'leaflet-bar gm-search');
        box.setAttribute('role', 'search');
        var input = el('input');
        input.type = 'search'; input.placeholder = 'Search a place…';
        input.setAttribute('aria-label', 'Search a place');
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-expanded', 'false');
        input.setAttribute('aria-controls', 'gm-results');
        var list = el('ul', 'gm-results');
        list.id = 'gm-results';
        list.setAttribute('role', 'listbox');
        var found = [], active = -1, timer = null, shownFor = null;
        function highlight(k) {
          active = k;
          Array.prototype.forEach.call(list.children, function (li, j) {
            li.setAttribute('aria-selected', j === k ? 'true' : 'false');
            if (j === k) { input.setAttribute('aria-activedescendant', li.id); }
          });
        }
        function show() {
          shownFor = input.value;
          found = self.search(input.value, 10);
          list.textContent = '';
          found.forEach(function (p, k) {
            var li = el('li', 'gm-result');
            li.id = 'gm-result-' + k;
            li.setAttribute('role', 'option');
            li.appendChild(el('span', null, p.label));
            li.appendChild(el('span', 'gm-meta', p.indexes.length ? ' · ' + fmtInt(p.indexes.length) +
                                (p.indexes.length === 1 ? ' incident' : ' incidents') : ' · ' + p.kind));
            li.addEventListener('click', function () { pick(k); });
            list.appendChild(li);
          });
          if (input.value.trim() && !found.length) { list.appendChild(el('li', 'gm-none', 'no match')); }
          input.setAttribute('aria-expanded', found.length ? 'true' : 'false');
          highlight(found.length ? 0 : -1);
        }
        function pick(k) {
          if (!found[k]) { return; }
          self.goTo(found[k]);
          list.textContent = '';
          input.setAttribute('aria-expanded', 'false');
        }
        input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(show, 120); });
        input.addEventListener('keydown', function (e) {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!found.length) { clearTimeout(timer); show(); }
            if (found.length) { highlight((active + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length); }
          } else if (e.key === 'Enter') {
            clearTimeout(timer);
            if (shownFor !== input.value) { show(); }  // typed faster than the results came
            pick(Math.max(0, active));
          } else if (e.key === 'Escape') {
            input.value = ''; list.textContent = ''; found = []; shownFor = null;
          }
        });
        box.appendChild(input);
        box.appendChild(list);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        self.searchInput = input;
        return box;
      }
    });
    new Ctl().addTo(this.map);
  };

  // ---- summary --------------------------------------------------------------------------

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
    box.appendChild(el('div', 'gm-big', fmtInt(s.shown) + ' of ' + fmtInt(s.total) + ' incidents'));
    box.appendChild(el('div', null, fmtInt(s.killed) + ' killed · ' + fmtInt(s.injured) + ' injured · ' +
                       fmtInt(s.places) + (s.places === 1 ? ' place' : ' places')));
    box.appendChild(el('div', 'gm-dates', s.first ? (s.first === s.last ? fmtDate(s.first)
                       : fmtDate(s.first) + ' – ' + fmtDate(s.last)) : 'no dates'));
    (this.typeChecks || []).forEach(function (lab, k) {
      lab.count.textContent = s.byType[k] === self.totals[k] ? fmtInt(s.byType[k])
        : fmtInt(s.byType[k]) + ' of ' + fmtInt(self.totals[k]);
    });
  };

  // ---- start ----------------------------------------------------------------------------

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
    return readBlock(opts.configId).then(function (config) {
      config = config || {};
      var ids = [opts.dataId, opts.basemapId].concat((config.overlays || []).map(function (n, k) {
        return opts.overlayPrefix + k;
      }));
      return Promise.all(ids.map(readBlock)).then(function (blocks) {
        var read = performance.now();
        window.geomap = new Geomap(opts, blocks[0], blocks[1], config, blocks.slice(2));
        window.geomap.timings.start = started;
        window.geomap.timings.read = read - started;
        return window.geomap;
      });
    }).catch(function (err) {
      console.error('geomap: ' + err.message);
      var box = el('div', 'gm-error', 'The map could not be drawn: ' + err.message);
      document.body.appendChild(box);
      throw err;
    });
  };
}());
