// GridWatch console: live map + alert feed (operators), heatmaps (managers) and shop files (shops.js).
const SEV_COLOR = { LOW: '#3a8d3a', MEDIUM: '#d9a400', HIGH: '#e06a00', CRITICAL: '#c0171b' };
const state = { config: null, alerts: new Map(), selected: null, uncovered: new Set(), gridLayer: null, charts: {}, streamed: 0 };

const map = L.map('map', { zoomControl: true }).setView([31.11, 121.38], 12);
const gridPane = L.layerGroup().addTo(map);
const posLayer = L.layerGroup().addTo(map);
const alertLayer = L.layerGroup().addTo(map);
const evidenceLayer = L.layerGroup().addTo(map);

function typeName(id) {
  const tp = (state.config ? state.config.alertTypes : []).find(x => x.id === id);
  return tp ? tp[LANG] : id;
}
function gridStyle(f) {
  const unc = state.uncovered.has(f.properties.gridCode);
  return { color: '#5a7fa8', weight: 1, fillColor: unc ? '#c0171b' : '#9fb8d0', fillOpacity: unc ? 0.45 : 0.08 };
}

async function loadConfig() {
  state.config = await api('/api/config');
  if (state.config.tileUrl) L.tileLayer(state.config.tileUrl, { maxZoom: 19 }).addTo(map);
  const ft = document.getElementById('f-type');
  state.config.alertTypes.forEach(x => { const o = document.createElement('option'); o.value = x.id; o.dataset.type = x.id; ft.appendChild(o); });
  const fs = document.getElementById('f-sev');
  state.config.severities.forEach(s => { const o = document.createElement('option'); o.value = s; o.textContent = s; fs.appendChild(o); });
  relabelTypes();
}
function relabelTypes() {
  document.querySelectorAll('#f-type option[data-type]').forEach(o => { o.textContent = typeName(o.dataset.type); });
}

async function loadGrids() {
  const gj = await api('/api/grids');
  state.gridLayer = L.geoJSON(gj, { style: gridStyle, onEachFeature: (f, l) => l.bindTooltip(esc(f.properties.gridCode + ' ' + (f.properties.streetName || ''))) });
  gridPane.addLayer(state.gridLayer);
  if (gj.features && gj.features.length) map.fitBounds(state.gridLayer.getBounds());
}

async function loadPositions() {
  const ps = await api('/api/positions');
  posLayer.clearLayers();
  ps.forEach(p => {
    if (!p.location) return;
    const truck = p.entityType === 'TRUCK';
    L.circleMarker([p.location.lat, p.location.lon], { radius: truck ? 5 : 4, color: truck ? '#6b3fa0' : '#1769aa', weight: 1, fillOpacity: 0.9, className: 'pos-' + p.entityType })
      .bindTooltip(esc((truck ? t('truck') : t('officer')) + ' ' + (p.plate || p.entityId))).addTo(posLayer);
  });
}

function filters() {
  const q = new URLSearchParams();
  const ty = document.getElementById('f-type').value, sv = document.getElementById('f-sev').value, di = document.getElementById('f-district').value.trim();
  if (ty) q.set('type', ty); if (sv) q.set('severity', sv); if (di) q.set('district', di);
  q.set('status', document.getElementById('f-status').value);
  return q;
}
function statusMatches(a, st) { return st === 'all' || (st === 'closed') === (a.status === 'CLOSED'); }
function matches(a) {
  const q = filters();
  return (!q.get('type') || a.type === q.get('type')) && (!q.get('severity') || a.severity === q.get('severity')) && (!q.get('district') || a.district === q.get('district'));
}

async function loadAlerts() {
  const q = filters(); q.set('size', '300');
  const list = await api('/api/alerts?' + q);
  state.alerts = new Map(list.map(a => [a.alertId, a]));
  // uncovered grids come from all open GRID_UNCOVERED alerts, whatever the feed filter
  const unc = await api('/api/alerts?type=GRID_UNCOVERED&size=1000');
  state.uncovered = new Set(unc.map(a => a.gridCode));
  if (state.gridLayer) state.gridLayer.setStyle(gridStyle);
  render();
}

function render(newId) {
  const ul = document.getElementById('feed');
  ul.innerHTML = '';
  alertLayer.clearLayers();
  // an episode that ended stays in the feed when the status filter asks for it (the team may still act on it), dimmed and without a map marker
  const st = document.getElementById('f-status').value;
  const list = [...state.alerts.values()].filter(a => statusMatches(a, st)).sort((a, b) => (b.detectedAt || '').localeCompare(a.detectedAt || ''));
  list.forEach(a => {
    const li = document.createElement('li');
    li.dataset.id = a.alertId;
    const ended = a.status === 'CLOSED';
    li.className = 'alert-item' + (ended ? ' ended' : '') + (a.alertId === state.selected ? ' sel' : '') + (a.alertId === newId ? ' new' : '');
    const op = (a.operator ? ' <span class="op">' + esc(a.operator.state === 'CLOSED' ? t('closedByOp') : t('acknowledged')) + ' · ' + esc(a.operator.operator) + '</span>' : '')
      + (ended ? ' <span class="meta">' + esc(t('ended')) + '</span>' : '');
    li.innerHTML = '<span class="sev sev-' + esc(a.severity) + '">' + esc(a.severity) + '</span><b>' + esc(typeName(a.type)) + '</b>' + op +
      '<div>' + esc(LANG === 'zh' ? a.messageZh : a.messageEn) + '</div><div class="meta">' + esc(a.district || '') + ' · ' + esc(a.gridCode || '') + ' · ' + esc(new Date(a.detectedAt).toLocaleString()) + '</div>' +
      (ended ? '' : officersLine(a));
    li.onclick = () => showDetail(a.alertId);
    ul.appendChild(li);
    if (a.location && !ended) {
      L.circleMarker([a.location.lat, a.location.lon], { radius: 8, color: '#222', weight: 1, fillColor: SEV_COLOR[a.severity] || '#888', fillOpacity: 0.9, className: 'alert-marker' })
        .bindTooltip(esc(typeName(a.type))).on('click', () => showDetail(a.alertId)).addTo(alertLayer);
    }
  });
  document.getElementById('status').textContent = list.length + ' ' + t('alerts') + ' · ' + (state.live ? t('live') : t('offline'));
}

async function showDetail(id) {
  state.selected = id;
  const a = await api('/api/alerts/' + encodeURIComponent(id));
  const d = document.getElementById('detail');
  d.hidden = false;
  const ev = (a.evidence || []);
  d.innerHTML = '<span class="sev sev-' + esc(a.severity) + '">' + esc(a.severity) + '</span><b>' + esc(typeName(a.type)) + '</b> <span class="meta">' + esc(a.alertId) + ' r' + esc(a.revision) + '</span>' +
    '<div>' + esc(LANG === 'zh' ? a.messageZh : a.messageEn) + '</div>' +
    '<div class="meta">' + esc(a.entityType) + ' ' + esc(a.entityId) + ' · ' + esc(a.district || '') + ' ' + esc(a.gridCode || '') + (a.level ? ' · ' + esc(a.level) : '') + '</div>' +
    (a.operator ? '<div class="op">' + esc(a.operator.state) + ' · ' + esc(a.operator.operator) + ' · ' + esc(a.operator.at) + '</div>' : '') +
    '<div><input id="op-name" placeholder="' + esc(t('operatorName')) + '" value="' + esc(localStorage.getItem('gw_op') || '') + '"> ' +
    '<button id="btn-ack">' + esc(t('ack')) + '</button><button id="btn-close">' + esc(t('close')) + '</button></div>' +
    officersLine(a) +
    '<b>' + esc(t('evidence')) + ' (' + ev.length + ')</b><ol id="evidence">' + ev.map(e => '<li>' + esc(e.kind) + ' ' + esc(e.ref || '') + ' ' + esc(e.eventTime) + ' ' + esc(e.detail || '') + '</li>').join('') + '</ol>';
  document.getElementById('btn-ack').onclick = () => act(id, 'ack');
  document.getElementById('btn-close').onclick = () => act(id, 'close');
  evidenceLayer.clearLayers();
  const pts = ev.filter(e => e.location).map(e => [e.location.lat, e.location.lon]);
  if (pts.length > 1) L.polyline(pts, { color: '#c0171b', weight: 3, dashArray: '4 4' }).addTo(evidenceLayer);
  ev.filter(e => e.location).forEach((e, i) => L.circleMarker([e.location.lat, e.location.lon], { radius: 4, color: '#c0171b', className: 'evidence-point' })
    .bindTooltip(esc((i + 1) + '. ' + e.kind + ' ' + e.eventTime)).addTo(evidenceLayer));
  (a.nearestOfficers || []).filter(o => o.location).forEach(o => L.circleMarker([o.location.lat, o.location.lon], { radius: 5, color: '#2f6fad', fillOpacity: 0.8, className: 'officer-point' })
    .bindTooltip(esc((o.name || o.officerId) + ' ' + Math.round(o.distanceM) + t('metres'))).addTo(evidenceLayer));
  if (a.location) pts.push([a.location.lat, a.location.lon]);
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 17 });
  render();
}

async function act(id, what) {
  const name = document.getElementById('op-name').value.trim();
  localStorage.setItem('gw_op', name);
  try {
    await api('/api/alerts/' + encodeURIComponent(id) + '/' + what, { method: 'POST', body: JSON.stringify({ operator: name }) });
    await loadAlerts(); await showDetail(id);
  } catch (e) { alert(e.message); }
}

function connectStream() {
  const es = new EventSource('/api/stream');
  es.onopen = () => { state.live = true; render(); };
  es.onerror = () => { state.live = false; };
  es.addEventListener('alert', m => {
    const a = JSON.parse(m.data);
    state.streamed++;
    if (a.type === 'GRID_UNCOVERED') { if (a.status === 'CLOSED') state.uncovered.delete(a.gridCode); else state.uncovered.add(a.gridCode); if (state.gridLayer) state.gridLayer.setStyle(gridStyle); }
    if (!matches(a)) return;
    const old = state.alerts.get(a.alertId);
    if (old && old.revision > a.revision) return;
    if (old && old.operator) a.operator = old.operator;
    state.alerts.set(a.alertId, a);
    render(a.alertId);
  });
}

// Managers' view
function chart(id) { if (!state.charts[id]) state.charts[id] = echarts.init(document.getElementById(id)); return state.charts[id]; }
async function loadManagers() {
  const cat = document.getElementById('h-category').value, dis = document.getElementById('h-district').value;
  const q = new URLSearchParams(); if (cat) q.set('category', cat); if (dis) q.set('district', dis);
  const h = await api('/api/hotspots?' + q);
  fillSelect('h-category', h.categories, cat); fillSelect('h-district', h.districts, dis);
  const hours = [...Array(24).keys()].map(String);
  const data = h.cells.map(c => [c.hourOfDay, ((c.weekday + 6) % 7), c.count]);
  const max = Math.max(1, ...h.cells.map(c => c.count));
  chart('heatmap').setOption({ tooltip: {}, grid: { left: 60, right: 20, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: hours }, yAxis: { type: 'category', data: t('weekdays') },
    visualMap: { min: 0, max: max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [{ type: 'heatmap', data: data, label: { show: false } }],
    title: data.length ? undefined : { text: t('noData'), left: 'center', top: 'middle' } }, true);
  const cov = await api('/api/coverage' + (dis ? '?district=' + encodeURIComponent(dis) : ''));
  cov.sort((a, b) => a.minutesCovered - b.minutesCovered);
  const c = cov.slice(0, 40);
  chart('coverage').setOption({ tooltip: {}, grid: { left: 130, right: 20, top: 10, bottom: 30 }, xAxis: { type: 'value', name: t('minutes') },
    yAxis: { type: 'category', data: c.map(x => x.gridCode) }, series: [{ type: 'bar', data: c.map(x => x.minutesCovered), itemStyle: { color: '#2f6fad' } }],
    title: c.length ? undefined : { text: t('noData'), left: 'center', top: 'middle' } }, true);
  const kp = await api('/api/kpis' + (dis ? '?district=' + encodeURIComponent(dis) : ''));
  const latest = new Map(); kp.forEach(k => { if (!latest.has(k.district)) latest.set(k.district, k); });
  const ks = [...latest.values()];
  chart('kpis').setOption({ tooltip: {}, legend: { data: [t('repeatRatio'), t('onTimeRate')] }, grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: ks.map(k => k.district) }, yAxis: { type: 'value', max: 1 },
    series: [{ name: t('repeatRatio'), type: 'bar', data: ks.map(k => k.repeatRatio) }, { name: t('onTimeRate'), type: 'bar', data: ks.map(k => k.onTimeRate) }],
    title: ks.length ? undefined : { text: t('noData'), left: 'center', top: 'middle' } }, true);
}
function fillSelect(id, values, keep) {
  const s = document.getElementById(id);
  [...s.querySelectorAll('option[data-v]')].forEach(o => o.remove());
  (values || []).forEach(v => { const o = document.createElement('option'); o.value = v; o.textContent = v; o.dataset.v = '1'; s.appendChild(o); });
  s.value = keep || '';
}

function tab(which) {
  ['ops', 'mgr', 'shops'].forEach(w => {
    document.getElementById(w).hidden = which !== w;
    document.getElementById('tab-' + w).classList.toggle('active', which === w);
  });
  if (which === 'mgr') loadManagers().then(() => Object.values(state.charts).forEach(c => c.resize())).catch(console.error);
  else if (which === 'shops') shopTabShown();
  else map.invalidateSize();
}

document.getElementById('tab-ops').onclick = () => tab('ops');
document.getElementById('tab-mgr').onclick = () => tab('mgr');
document.getElementById('tab-shops').onclick = () => tab('shops');
document.getElementById('h-refresh').onclick = () => loadManagers();
document.getElementById('h-category').onchange = () => loadManagers();
document.getElementById('h-district').onchange = () => loadManagers();
['f-type', 'f-sev', 'f-status'].forEach(id => document.getElementById(id).onchange = () => loadAlerts());
document.getElementById('f-district').onchange = () => loadAlerts();
document.getElementById('lang').onclick = () => { LANG = LANG === 'zh' ? 'en' : 'zh'; localStorage.setItem('gw_lang', LANG); applyI18n(); relabelTypes(); render(); if (!document.getElementById('mgr').hidden) loadManagers(); };

applyI18n();
(async () => {
  await loadConfig();
  await loadGrids().catch(console.error);
  await Promise.all([loadPositions(), loadAlerts()]).catch(console.error);
  connectStream();
  // positions and the alert list refresh every 3 s; the SSE stream brings alerts in between
  setInterval(() => loadPositions().catch(() => {}), 3000);
  setInterval(() => loadAlerts().catch(() => {}), 5000);
  if (location.hash === '#mgr') tab('mgr');
  if (location.hash === '#shops') tab('shops');
})();
