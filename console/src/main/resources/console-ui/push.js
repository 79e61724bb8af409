// GridWatch push page: subscribe by district and alert type, receive alerts live over SSE.
let types = [], src = null;
function tn(id) { const x = types.find(y => y.id === id); return x ? x[LANG] : id; }
function subscribe() {
  if (src) src.close();
  const q = new URLSearchParams();
  const d = document.getElementById('p-district').value.trim(), ty = document.getElementById('p-type').value;
  if (d) q.set('district', d); if (ty) q.set('type', ty);
  localStorage.setItem('gw_push', q.toString());
  src = new EventSource('/api/stream?' + q);
  const st = document.getElementById('p-status');
  src.onopen = () => st.textContent = t('waiting');
  src.onerror = () => st.textContent = t('offline');
  src.addEventListener('alert', m => {
    const a = JSON.parse(m.data);
    const li = document.createElement('li');
    li.innerHTML = '<span class="sev sev-' + esc(a.severity) + '">' + esc(a.severity) + '</span><b>' + esc(tn(a.type)) + '</b> <span class="meta">' + esc(a.status) + '</span><div>' +
      esc(LANG === 'zh' ? a.messageZh : a.messageEn) + '</div><div class="meta">' + esc(a.district || '') + ' · ' + esc(a.detectedAt) + '</div>' + officersLine(a);
    document.getElementById('pushed').prepend(li);
    if (navigator.vibrate) navigator.vibrate(200);
  });
}
document.getElementById('p-go').onclick = subscribe;
document.getElementById('lang').onclick = () => { LANG = LANG === 'zh' ? 'en' : 'zh'; localStorage.setItem('gw_lang', LANG); applyI18n(); fill(); };
function fill() { document.querySelectorAll('#p-type option[data-type]').forEach(o => o.textContent = tn(o.dataset.type)); }
applyI18n();
api('/api/config').then(c => {
  types = c.alertTypes;
  const s = document.getElementById('p-type');
  types.forEach(x => { const o = document.createElement('option'); o.value = x.id; o.dataset.type = x.id; s.appendChild(o); });
  fill();
  const saved = new URLSearchParams(localStorage.getItem('gw_push') || '');
  document.getElementById('p-district').value = saved.get('district') || '';
  s.value = saved.get('type') || '';
  if (localStorage.getItem('gw_push') !== null) subscribe();
});
