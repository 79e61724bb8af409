// Interface strings, Chinese and English. Alert messages come in both languages from the jobs.
const I18N = {
  zh: { title: 'GridWatch 城管监控台', tabOps: '指挥中心', tabMgr: '考评热力图', tabPush: '告警推送', allTypes: '全部类型',
    allSev: '全部级别', district: '区', allCategories: '全部类别', allDistricts: '全部区', refresh: '刷新',
    heatTitle: '热点时段 (星期 × 小时)', covTitle: '网格巡查覆盖 (分钟)', kpiTitle: '区 KPI: 重复投诉率与按期结案率',
    ack: '确认', close: '关闭', evidence: '证据', operatorName: '操作员姓名', officer: '队员', truck: '渣土车',
    live: '实时', offline: '连接中断', alerts: '条告警', acknowledged: '已确认', closedByOp: '已关闭', weekdays: ['周一','周二','周三','周四','周五','周六','周日'],
    repeatRatio: '重复投诉率', onTimeRate: '按期结案率', minutes: '覆盖分钟', noData: '暂无数据', token: '请输入访问令牌',
    stOpen: '进行中', stAll: '全部状态', stClosed: '已结束', ended: '已结束',
    pushTitle: '告警推送订阅', subscribe: '订阅', types: '告警类型', waiting: '等待告警…',
    nearest: '最近在岗队员', noOfficer: '附近无在岗队员', metres: '米', secondsAgo: '秒前定位',
    tabShops: '门店档案', search: '搜索', shopSearchPh: '店名、地址、信用代码或编号', noShops: '未找到门店', shopsFound: '家门店',
    licence: '信用代码', category: '业态', grade: '等级', risk: '风险分', riskReasons: '风险因素', totalRecords: '累计违规记录',
    counts: '违规次数', days7: '7 天', days30: '30 天', days365: '365 天', total: '合计', lastRecords: '近期违规记录',
    noRecords: '暂无违规记录', lastInspection: '最近巡查', noInspection: '暂无巡查', IN_ORDER: '正常', VIOLATION: '发现违规',
    openCases: '在办案件', closedCases: '已结案件', none: '无', complaints: '投诉 (30 天 / 365 天)', repeatOpen: '屡次违规告警进行中',
    CAMERA: '摄像头', INSPECTION: '巡查', confidence: '置信度', reports: '次上报', confirmedBy: '确认队员',
    OUTSIDE_BUSINESS: '店外经营', CROSS_DOOR: '跨门营业', PILED_MATERIALS: '乱堆物料', WALL_BREAKING: '破墙开店',
    WARNED: '警告', RECTIFICATION_ORDERED: '责令整改', FINED: '罚款', NO_VIOLATION: '无违法',
    shopReasons: [['violation records in 30 d', '30 天内违规记录'], ['violation records 30-365 d ago', '30-365 天前违规记录'],
      ['破墙开店 records in 365 d', '365 天内破墙开店记录'], ['SHOP_REPEAT_VIOLATION open', '屡次违规告警进行中'], ['open cases', '在办案件'],
      ['complaints in 30 d', '30 天内投诉'], ['latest inspection found the shop in order', '最近巡查未见违规'], ['latest inspection found', '最近巡查发现']] },
  en: { title: 'GridWatch monitoring console', tabOps: 'Operations', tabMgr: 'Heatmaps', tabPush: 'Alert push', allTypes: 'All types',
    allSev: 'All severities', district: 'District', allCategories: 'All categories', allDistricts: 'All districts', refresh: 'Refresh',
    heatTitle: 'Hotspot times (weekday × hour)', covTitle: 'Grid patrol coverage (minutes)', kpiTitle: 'District KPIs: repeat ratio and on-time closure',
    ack: 'Acknowledge', close: 'Close', evidence: 'Evidence', operatorName: 'Operator name', officer: 'Officer', truck: 'Truck',
    live: 'live', offline: 'disconnected', alerts: 'alerts', acknowledged: 'acknowledged', closedByOp: 'closed', weekdays: ['Mon','Tue','Wed','Thu','Fri','Sat','Sun'],
    repeatRatio: 'Repeat ratio', onTimeRate: 'On-time rate', minutes: 'Minutes covered', noData: 'No data yet', token: 'Enter the access token',
    stOpen: 'Open', stAll: 'Open and ended', stClosed: 'Ended', ended: 'ended',
    pushTitle: 'Alert push subscription', subscribe: 'Subscribe', types: 'Alert types', waiting: 'Waiting for alerts…',
    nearest: 'Nearest on-duty officers', noOfficer: 'No on-duty officer nearby', metres: ' m', secondsAgo: ' s old fix',
    tabShops: 'Shop files', search: 'Search', shopSearchPh: 'Name, address, credit code or id', noShops: 'No shop found', shopsFound: 'shops',
    licence: 'Credit code', category: 'Category', grade: 'Grade', risk: 'Risk', riskReasons: 'Risk factors', totalRecords: 'Violation records in all',
    counts: 'Violations', days7: '7 days', days30: '30 days', days365: '365 days', total: 'Total', lastRecords: 'Latest violation records',
    noRecords: 'No violation records', lastInspection: 'Latest inspection', noInspection: 'No inspection yet', IN_ORDER: 'in order', VIOLATION: 'violation found',
    openCases: 'Open cases', closedCases: 'Closed cases', none: 'none', complaints: 'Complaints (30 d / 365 d)', repeatOpen: 'Repeat-violation alert open',
    CAMERA: 'camera', INSPECTION: 'inspection', confidence: 'confidence', reports: 'reports', confirmedBy: 'confirmed by',
    OUTSIDE_BUSINESS: 'Business outside the shop', CROSS_DOOR: 'Trading across the doorway', PILED_MATERIALS: 'Piled materials', WALL_BREAKING: 'Wall broken open for a shop',
    WARNED: 'warned', RECTIFICATION_ORDERED: 'rectification ordered', FINED: 'fined', NO_VIOLATION: 'no violation',
    shopReasons: [] }
};
let LANG = localStorage.getItem('gw_lang') || 'zh';
function t(k) { return (I18N[LANG] || I18N.zh)[k] || k; }
function applyI18n() {
  document.documentElement.lang = LANG;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll('[data-i18n-ph]').forEach(e => { e.placeholder = t(e.dataset.i18nPh); });
  const b = document.getElementById('lang'); if (b) b.textContent = LANG === 'zh' ? 'English' : '中文';
}
// The nearest on-duty officers an alert revision carries (nearestOfficers): name or badge, straight-line distance, age of the fix.
function officersLine(a) {
  const os = a.nearestOfficers || [];
  if (!os.length) return '<div class="meta officers">' + esc(t('noOfficer')) + '</div>';
  return '<div class="officers">' + esc(t('nearest')) + ': ' + os.map(o => '<span class="officer">' + esc(o.name || o.officerId) + ' ' +
    esc(Math.round(o.distanceM)) + esc(t('metres')) + ' · ' + esc(o.fixAgeSeconds) + esc(t('secondsAgo')) + '</span>').join(', ') + '</div>';
}
function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
// Content-Security-Policy violations (should be none), kept for the browser test to check.
const CSP_VIOLATIONS = [];
document.addEventListener('securitypolicyviolation', e => CSP_VIOLATIONS.push(e.violatedDirective + ' ' + (e.blockedURI || '')));
// The console's CSRF token: sent back in a header on every state-changing call (read once from /api/csrf).
let CSRF = null;
async function csrfToken() {
  if (!CSRF) CSRF = (await api('/api/csrf')).token;
  return CSRF;
}
// API calls; on 401 ask once for the token and keep it in a same-site cookie (SSE cannot send headers).
// State-changing calls go as JSON with the CSRF header; a 403 (the console restarted: new CSRF token) is retried once.
async function api(path, opts, retried) {
  const o = Object.assign({ credentials: 'same-origin' }, opts || {});
  const method = (o.method || 'GET').toUpperCase();
  const mutating = method !== 'GET' && method !== 'HEAD';
  if (mutating) o.headers = Object.assign({}, o.headers || {}, { 'Content-Type': 'application/json', 'X-GridWatch-CSRF': await csrfToken() });
  const r = await fetch(path, o);
  if (r.status === 401) {
    const tok = prompt(t('token'));
    if (tok) { document.cookie = 'gw_token=' + encodeURIComponent(tok) + '; path=/; SameSite=Strict'; return api(path, opts, retried); }
  }
  if (r.status === 403 && mutating && !retried) { CSRF = null; return api(path, opts, true); }
  if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || r.status);
  return r.json();
}
