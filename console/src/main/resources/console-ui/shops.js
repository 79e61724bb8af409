// Shop files (一店一档): search shops by name, address, credit code or id; open a shop's file with its counts,
// its latest records on a timeline and on the map, its latest inspection and its cases. Uses app.js's api, state and t.
const SHOP_VIOLATIONS = ['OUTSIDE_BUSINESS', 'CROSS_DOOR', 'PILED_MATERIALS', 'WALL_BREAKING'];
const shopMap = L.map('shop-map', { zoomControl: true }).setView([31.11, 121.38], 12);
const shopGridPane = L.layerGroup().addTo(shopMap);
const shopLayer = L.layerGroup().addTo(shopMap);
const shopState = { results: null, file: null, tiles: false, grids: false };

function when(iso) { return iso ? new Date(iso).toLocaleString(LANG === 'zh' ? 'zh-CN' : 'en-GB') : ''; }
function violationName(v, zh) { const n = t(v); return n === v && zh && LANG === 'zh' ? zh : n; }
// the jobs write risk reasons in English ("+20: 2 × violation records in 30 d"); Chinese replaces the known phrases
function reasonText(r) {
  let s = String(r);
  (t('shopReasons') || []).forEach(([en, zh]) => { s = s.split(en).join(zh); });
  SHOP_VIOLATIONS.forEach(v => { s = s.split(v).join(t(v)); });
  return s;
}

// Called by app.js's tab() when the shops tab is shown: the map gets its size, the tiles and the grids once.
function shopTabShown() {
  if (!shopState.tiles && state.config && state.config.tileUrl) { L.tileLayer(state.config.tileUrl, { maxZoom: 19 }).addTo(shopMap); shopState.tiles = true; }
  if (!shopState.grids && state.gridLayer) {
    const g = L.geoJSON(state.gridLayer.toGeoJSON(), { style: { color: '#5a7fa8', weight: 1, fillColor: '#9fb8d0', fillOpacity: 0.06 } }).addTo(shopGridPane);
    shopState.grids = true;
    if (!shopState.file && g.getLayers().length) shopMap.fitBounds(g.getBounds());
  }
  shopMap.invalidateSize();
  document.getElementById('shop-q').focus();
}

async function searchShops(ev) {
  if (ev) ev.preventDefault();
  const q = document.getElementById('shop-q').value.trim();
  if (!q) return;
  try {
    shopState.results = await api('/api/shops?q=' + encodeURIComponent(q));
    renderShopResults();
  } catch (e) { document.getElementById('shop-msg').textContent = e.message; }
}

function renderShopResults() {
  const ul = document.getElementById('shop-results');
  ul.innerHTML = '';
  if (!shopState.results) return;
  const rs = shopState.results;
  document.getElementById('shop-msg').textContent = rs.length ? rs.length + ' ' + t('shopsFound') : t('noShops');
  rs.forEach(s => {
    const li = document.createElement('li');
    li.dataset.id = s.shopId;
    li.className = 'shop-item' + (shopState.file && shopState.file.shopId === s.shopId ? ' sel' : '');
    li.innerHTML = '<span class="grade grade-' + esc(s.grade) + '">' + esc(s.grade || '-') + '</span><b>' + esc(s.name || s.shopId) + '</b> <span class="meta">' + esc(s.shopId) + '</span>' +
      '<div class="meta">' + esc(s.address || '') + '</div><div class="meta">' + esc(t('licence')) + ' ' + esc(s.licence || '-') + ' · ' + esc(t('risk')) + ' ' + esc(s.risk) +
      ' · ' + esc(t('totalRecords')) + ' ' + esc(s.totalRecords) + '</div>';
    li.onclick = () => openShop(s.shopId).catch(e => { document.getElementById('shop-msg').textContent = e.message; });
    ul.appendChild(li);
  });
}

async function openShop(id) {
  shopState.file = await api('/api/shops/' + encodeURIComponent(id));
  renderShopFile();
  renderShopResults();
  drawShopMap();
}

function countsTable(c) {
  const days = [['d7', 'days7'], ['d30', 'days30'], ['d365', 'days365']];
  const row = (label, key) => '<tr><td>' + esc(label) + '</td>' + days.map(([d]) => '<td>' + esc(((c || {})[d] || {})[key] || 0) + '</td>').join('') + '</tr>';
  return '<table id="shop-counts"><tr><th></th>' + days.map(([, k]) => '<th>' + esc(t(k)) + '</th>').join('') + '</tr>' +
    SHOP_VIOLATIONS.map(v => row(t(v), v)).join('') + row(t('total'), 'total') + '</table>';
}

function recordItem(r) {
  const conf = r.confidence == null ? '' : ' · ' + t('confidence') + ' ' + Math.round(r.confidence * 100) + '%';
  return '<li><b>' + esc(violationName(r.violation, r.violationZh)) + '</b> <span class="meta">' + esc(r.violation) + '</span>' +
    '<div class="meta">' + esc(when(r.start)) + (r.lastReport && r.lastReport !== r.start ? ' – ' + esc(when(r.lastReport)) : '') + '</div>' +
    '<div class="meta">' + esc(t(r.source)) + ' ' + esc(r.device || '') + esc(conf) + (r.reports ? ' · ' + esc(r.reports) + ' ' + esc(t('reports')) : '') +
    (r.confirmedBy ? ' · ' + esc(t('confirmedBy')) + ' ' + esc(r.confirmedBy) : '') + '</div></li>';
}

function renderShopFile() {
  const f = shopState.file;
  const d = document.getElementById('shop-file');
  if (!f) { d.hidden = true; return; }
  d.hidden = false;
  const li = f.lastInspection;
  const recs = f.lastRecords || [];
  const open = f.openCases || [], closed = f.closedCases || [];
  d.innerHTML = '<span class="grade grade-' + esc(f.grade) + '">' + esc(f.grade || '-') + '</span><b id="shop-name">' + esc(f.name || f.shopId) + '</b> <span class="meta">' + esc(f.shopId) + '</span>' +
    '<div>' + esc(t('licence')) + ': ' + esc(f.licence || '-') + '</div><div>' + esc(f.address || '') + '</div>' +
    '<div class="meta">' + esc(t('category')) + ' ' + esc(f.category || '-') + ' · ' + esc(f.district || '') + ' ' + esc(f.gridCode || '') + '</div>' +
    '<div>' + esc(t('risk')) + ': <b>' + esc(f.risk) + '</b> · ' + esc(t('grade')) + ' ' + esc(f.grade) +
    (f.repeatOpen ? ' · <span class="op">' + esc(t('repeatOpen')) + ' ' + esc(f.repeatAlertId || '') + '</span>' : '') + '</div>' +
    '<ul id="shop-reasons" class="meta">' + (f.riskReasons || []).map(r => '<li>' + esc(reasonText(r)) + '</li>').join('') + '</ul>' +
    '<h4>' + esc(t('counts')) + ' · ' + esc(t('totalRecords')) + ' ' + esc(f.totalRecords) + '</h4>' + countsTable(f.counts) +
    '<div class="meta">' + esc(t('complaints')) + ': ' + esc(f.complaints30d || 0) + ' / ' + esc(f.complaints365d || 0) + '</div>' +
    '<h4>' + esc(t('lastRecords')) + ' (' + recs.length + ')</h4>' +
    (recs.length ? '<ol id="shop-timeline" class="timeline">' + recs.map(recordItem).join('') + '</ol>' : '<div class="meta">' + esc(t('noRecords')) + '</div>') +
    '<h4>' + esc(t('lastInspection')) + '</h4><div id="shop-inspection">' + (li ? esc(when(li.time)) + ' · ' + esc(li.officer || '') + ' · ' + esc(t(li.result)) +
      (li.violation ? ' (' + esc(t(li.violation)) + ')' : '') : esc(t('noInspection'))) + '</div>' +
    '<h4>' + esc(t('openCases')) + ' (' + open.length + ')</h4><div id="shop-open-cases" class="meta">' +
      (open.length ? open.map(c => esc(c.caseId) + ' ' + esc(c.category || '') + ' ' + esc(when(c.received))).join('<br>') : esc(t('none'))) + '</div>' +
    '<h4>' + esc(t('closedCases')) + ' (' + closed.length + ')</h4><div id="shop-closed-cases" class="meta">' +
      (closed.length ? closed.map(c => esc(c.caseId) + ' ' + esc(when(c.closed)) + ' ' + esc(t(c.outcome || ''))).join('<br>') : esc(t('none'))) + '</div>';
}

function drawShopMap() {
  shopLayer.clearLayers();
  const f = shopState.file;
  if (!f) return;
  const pts = [];
  // the frontage first, the records on top of it (a camera's detections lie on the frontage)
  if (f.location) {
    pts.push([f.location.lat, f.location.lon]);
    L.circleMarker([f.location.lat, f.location.lon], { radius: 9, color: '#16324f', weight: 2, fillColor: '#2f6fad', fillOpacity: 0.9, className: 'shop-point' })
      .bindTooltip(esc((f.name || f.shopId) + ' ' + (f.address || ''))).addTo(shopLayer);
  }
  (f.lastRecords || []).filter(r => r.location).forEach(r => {
    pts.push([r.location.lat, r.location.lon]);
    L.circleMarker([r.location.lat, r.location.lon], { radius: 5, color: '#c0171b', fillOpacity: 0.7, className: 'shop-record-point' })
      .bindTooltip(esc(violationName(r.violation, r.violationZh) + ' ' + when(r.start) + ' ' + t(r.source))).addTo(shopLayer);
  });
  if (pts.length) shopMap.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 17 });
}

document.getElementById('shop-form').addEventListener('submit', searchShops);
document.getElementById('lang').addEventListener('click', () => { renderShopResults(); renderShopFile(); drawShopMap(); });
