// HTML of the console's pages. Every figure is server-rendered text with its raw value in data-value, so what a
// leader reads is what `lintuan metrics --json` prints; ECharts draws the trend from the embedded JSON.
import type { ConsoleView } from '../src/console/view.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

function layout(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#222}
header{background:#1f7a4d;color:#fff;padding:14px 20px;font-size:20px}main{padding:16px 20px;max-width:1200px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.fig{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px #0001}
.fig .label{font-size:14px;color:#555}.fig .value{font-size:26px;font-weight:600;margin:4px 0}.fig.missed .value{color:#d4380d}
.fig .target,.fig .def{font-size:12px;color:#888}.fig .def{margin-top:6px;line-height:1.5}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:16px}td,th{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;font-size:14px}
h2{font-size:17px;margin:22px 0 10px}#trend{height:320px;background:#fff;border-radius:8px}.empty{color:#888}
</style></head><body><header>邻团 · ${esc(title)}</header><main>${body}</main>${script}</body></html>`;
}

export function errorPage(message: string): string {
  return layout('后台', `<p class="error">${esc(message)}</p>`);
}

export function indexPage(communities: { id: number; name: string }[]): string {
  const items = communities.map((c) => `<li><a href="/c/${c.id}">${esc(c.name)}</a></li>`).join('');
  return layout('全部小区', `<h2>小区</h2><ul>${items || '<li class="empty">还没有小区</li>'}</ul>`);
}

export function communityPage(v: ConsoleView): string {
  const arrow = (c: string | null) => (c === 'up' ? '↑' : c === 'down' ? '↓' : c === 'flat' ? '→' : '');
  const figures = v.figures.map((f) => `<div class="fig${f.missed ? ' missed' : ''}" data-metric="${esc(f.key)}" data-value="${esc(JSON.stringify(f.value))}">
<div class="label">${esc(f.label)}</div><div class="value">${esc(f.display)} <small>${arrow(f.change)}</small></div>
<div class="target">${esc(f.targetLabel)}</div><div class="def">${esc(f.definition)}</div></div>`).join('');
  const tickets = v.openTickets.length
    ? `<table><tr><th>工单</th><th>类型</th><th>居民</th><th>时间</th><th>内容</th></tr>${v.openTickets.map((t) => `<tr data-ticket="${t.id}"><td>#${t.id}</td><td>${esc(t.type)}</td><td>${esc(t.who)}</td><td>${esc(t.openedAt)}</td><td>${esc(t.text)}</td></tr>`).join('')}</table>`
    : '<p class="empty">没有未处理的工单</p>';
  const orders = v.todayOrders.length
    ? `<table><tr><th>订单号</th><th>居民</th><th>楼栋</th><th>金额</th><th>状态</th><th>时间</th></tr>${v.todayOrders.map((o) => `<tr data-order="${o.orderNo}"><td>#${o.orderNo}</td><td>${esc(o.who)}</td><td>${esc(o.building ?? '')}</td><td>${esc(o.total)}</td><td>${esc(o.status)}</td><td>${esc(o.at)}</td></tr>`).join('')}</table>`
    : '<p class="empty">今天还没有订单</p>';
  const body = `<p>统计区间：<span id="range">${esc(v.range.from)} – ${esc(v.range.to)}</span>（北京时间，含首尾两天）</p>
<h2>12 项核心指标</h2><div class="grid">${figures}</div>
<h2>订单与成交额趋势</h2><div id="trend"></div>
<h2>未处理的工单（${v.openTickets.length}）</h2>${tickets}
<h2>今日订单（${v.todayOrders.length}）</h2>${orders}`;
  // The trend JSON is embedded escaped for a <script> context.
  const data = JSON.stringify(v.trend).replace(/</g, '\\u003c');
  const script = `<script src="/assets/echarts.min.js"></script><script>
const t=${data};const c=echarts.init(document.getElementById('trend'));
c.setOption({tooltip:{trigger:'axis'},legend:{data:['订单数','成交额(元)']},xAxis:{type:'category',data:t.dates},
yAxis:[{type:'value',name:'订单'},{type:'value',name:'元'}],
series:[{name:'订单数',type:'bar',data:t.orders},{name:'成交额(元)',type:'line',yAxisIndex:1,data:t.gmvFen.map(f=>f/100)}]});
document.body.dataset.chart='ready';
</script>`;
  return layout(v.community.name, body, script);
}
