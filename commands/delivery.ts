import { eq } from 'drizzle-orm';
import type { App, Command, MessageContext } from '../src/core/types.js';
import { orders } from '../src/store/schema.js';
import { parseShanghaiTime } from '../src/time.js';
import {
  LATE_AFTER_MS, MAX_PROVIDERS, createSlot, providersOf, removeProvider, setProvider, isWaiting, openSlots, slotOrdersOf, slotWindow,
} from '../src/service/logistics.js';
import { defaultCapacity, suggestSlots, SUGGEST_DAYS } from '../src/delivery/suggest.js';
import { ORDERS_PER_COMPANY_HOUR } from '../src/delivery/slots.js';

const USAGE = '/配送 [公司 优先级 名称 [电话]|公司 优先级 删除|时段 [明天] 18:00-19:00 [优先级|公司] [#订单号…]|建议 [个数] [容量] [时长 小时]]';
const SUGGEST_USAGE = '/配送 建议 [个数] [容量] [时长 小时]';

function overview(ctx: MessageContext, app: App): void {
  const communityId = ctx.community!.id;
  const providers = providersOf(app.store, communityId);
  const lines = [`「${ctx.community!.name}」配送公司（按优先级，最多 ${MAX_PROVIDERS} 家）：`];
  if (providers.length === 0) lines.push('还没有登记，例如：/配送 公司 1 顺丰同城 13800000000');
  for (const p of providers) lines.push(`${p.priority}. ${p.name}${p.phone ? `（${p.phone}）` : ''}`);
  // A late slot stays listed, marked, until its last order is delivered.
  const slots = openSlots(app.store, communityId);
  lines.push(slots.length ? '配送时段：' : '没有待完成的配送时段');
  for (const s of slots) {
    const list = slotOrdersOf(app.store, s.id);
    const waiting = list.filter(isWaiting);
    const late = s.checkedAt !== null && waiting.length > 0
      ? `　⚠️ 已超时，未送达：${waiting.map((o) => `#${o.id}`).join('、')}（送到后 /送达 取货码）` : '';
    lines.push(`· ${slotWindow(s)} ${s.providerName}：${list.length} 单，待送达 ${waiting.length} 单${late}`);
  }
  ctx.reply(lines.join('\n'));
}

function provider(ctx: MessageContext, app: App, args: string[]): void {
  const [prioArg, name, phone, ...extra] = args;
  const priority = Number(prioArg?.normalize('NFKC'));
  if (!Number.isInteger(priority) || priority < 1 || priority > MAX_PROVIDERS) {
    return ctx.reply(`优先级请写 1 到 ${MAX_PROVIDERS}（1 最先用），例如：/配送 公司 1 顺丰同城 13800000000\n用法：${USAGE}`);
  }
  const communityId = ctx.community!.id;
  if (name === '删除') {
    return ctx.reply(removeProvider(app.store, communityId, priority) ? `已删除优先级 ${priority} 的配送公司` : `优先级 ${priority} 还没有登记配送公司`);
  }
  if (!name || name.length > 30 || extra.length) return ctx.reply(`请写配送公司名称（30 字以内）和可选的电话\n用法：${USAGE}`);
  const tel = phone?.normalize('NFKC') ?? null;
  if (tel !== null && !/^[\d-]{5,20}$/.test(tel)) return ctx.reply(`电话「${phone}」不对，请只写数字和横线`);
  const p = setProvider(app.store, communityId, priority, name, tel, app.now());
  ctx.reply(`已登记配送公司 ${p.priority}. ${p.name}${p.phone ? `（${p.phone}）` : ''}`);
}

const DAY_RE = /^(今天|今晚|明天|明晚|后天|(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?)$/;

function slot(ctx: MessageContext, app: App, args: string[]): void {
  const communityId = ctx.community!.id;
  const now = app.now();
  const words = args.map((a) => a.normalize('NFKC'));
  const day = words[0] && DAY_RE.test(words[0]) ? words.shift()! : '';
  const range = words.shift();
  const parts = range?.split(/[-~到—]/) ?? [];
  const startsAt = parts.length === 2 ? parseShanghaiTime(day + parts[0], now) : null;
  const endsAt = parts.length === 2 ? parseShanghaiTime(day + parts[1], now) : null;
  if (startsAt === null || endsAt === null) return ctx.reply(`时段请写成 18:00-19:00（可在前面加 明天 或 11-26）\n用法：${USAGE}`);
  if (endsAt <= startsAt) return ctx.reply('结束时间要晚于开始时间，没有登记');
  const providers = providersOf(app.store, communityId);
  if (providers.length === 0) return ctx.reply('请先登记配送公司：/配送 公司 1 名称 电话');
  const orderIds: number[] = [];
  let chosen = providers[0]!;
  for (const w of words) {
    const id = /^#(\d{1,9})$/.exec(w);
    if (id) { orderIds.push(Number(id[1])); continue; }
    const p = providers.find((x) => String(x.priority) === w || x.name === w);
    if (!p) return ctx.reply(`「${w}」不是登记过的配送公司（写优先级或名称），也不是订单号（写 #12）\n用法：${USAGE}`);
    chosen = p;
  }
  // Leaders write the community's order numbers (订单号 #N); the slot is kept by row id.
  const noById = new Map<number, number>();
  const idByNo = new Map<number, number>();
  const rows = app.store.db.select({ id: orders.id, no: orders.orderNo }).from(orders).where(eq(orders.communityId, communityId)).all();
  for (const o of rows) { noById.set(o.id, o.no); idByNo.set(o.no, o.id); }
  const shown = (id: number) => `#${noById.get(id) ?? id}`;
  const unknown = orderIds.filter((n) => !idByNo.has(n));
  if (unknown.length) return ctx.reply(`这些订单不是本小区待配送的订单，或已在别的时段里：${unknown.map((i) => `#${i}`).join('、')}，没有登记`);
  const r = createSlot(app.store, { communityId, provider: chosen, startsAt, endsAt, orderIds: orderIds.map((n) => idByNo.get(n)!), by: ctx.sender.contactId }, now);
  if (!r.ok) {
    if (r.reason === 'no_orders') return ctx.reply('现在没有待配送的送货上门订单（有地址或备注送货上门、还没安排时段的），没有登记。也可以写订单号：/配送 时段 18:00-19:00 #12 #13');
    return ctx.reply(`这些订单不是本小区待配送的订单，或已在别的时段里：${r.ids.map(shown).join('、')}，没有登记`);
  }
  ctx.reply(`🚚 已安排配送时段 ${slotWindow(r.slot)}，${chosen.name} 送 ${r.orderIds.length} 单：${r.orderIds.map(shown).join('、')}\n`
    + `结束 ${LATE_AFTER_MS / 60_000} 分钟后还有没标记 /送达 的订单，会私聊提醒并给出备用配送公司`);
}

const MAX_SLOTS = 12;
const MAX_SLOT_HOURS = 12;
const MAX_CAPACITY = 10_000;
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
const oneDecimal = (n: number) => n.toFixed(1);

/** `[个数] [容量] [时长 小时]` → the numbers, or the reason (Chinese) they cannot be read. */
export function parseSuggestArgs(args: string[]): { ok: true; count: number; capacity: number | null; hours: number } | { ok: false; error: string } {
  const words = args.map((a) => a.normalize('NFKC')).flatMap((w) => (/^时长\d/.test(w) ? ['时长', w.slice(2)] : [w]));
  const int = (w: string | undefined) => {
    const digits = w?.replace(/(个|单|小时|h)$/i, '');
    return digits !== undefined && /^\d{1,5}$/.test(digits) ? Number(digits) : NaN;
  };
  let hours = 1;
  const at = words.indexOf('时长');
  if (at >= 0) {
    hours = int(words[at + 1]);
    if (!(hours >= 1 && hours <= MAX_SLOT_HOURS)) return { ok: false, error: `时长请写 1 到 ${MAX_SLOT_HOURS} 小时，例如：/配送 建议 2 时长 2` };
    words.splice(at, 2);
  }
  if (words.length > 2) return { ok: false, error: `多写了「${words.slice(2).join(' ')}」\n用法：${SUGGEST_USAGE}` };
  const count = words[0] === undefined ? 2 : int(words[0]);
  if (!(count >= 1 && count <= MAX_SLOTS)) return { ok: false, error: `时段个数请写 1 到 ${MAX_SLOTS}（「${words[0]}」不行）\n用法：${SUGGEST_USAGE}` };
  const capacity = words[1] === undefined ? null : int(words[1]);
  if (capacity !== null && !(capacity >= 1 && capacity <= MAX_CAPACITY)) {
    return { ok: false, error: `容量是每个时段每天最多送多少单，请写 1 到 ${MAX_CAPACITY} 的整数（「${words[1]}」不行）\n用法：${SUGGEST_USAGE}` };
  }
  if (count * hours > 24) return { ok: false, error: `${count} 个 ${hours} 小时的时段一天放不下（最多 24 小时）` };
  return { ok: true, count, capacity, hours };
}

function suggest(ctx: MessageContext, app: App, args: string[]): void {
  const parsed = parseSuggestArgs(args);
  if (!parsed.ok) return ctx.reply(parsed.error);
  const communityId = ctx.community!.id;
  const companies = providersOf(app.store, communityId).length;
  const capacity = parsed.capacity ?? defaultCapacity(companies, parsed.hours);
  const capacityNote = parsed.capacity !== null ? '按你写的'
    : companies === 0 ? `还没有登记配送公司，按 1 家 × 每小时 ${ORDERS_PER_COMPANY_HOUR} 单算`
      : `${companies} 家配送公司 × 每小时 ${ORDERS_PER_COMPANY_HOUR} 单${parsed.hours > 1 ? ` × ${parsed.hours} 小时` : ''}`;
  const r = suggestSlots(app.store, communityId, { count: parsed.count, capacity, hours: parsed.hours, now: app.now() });
  if (!r.ok) return ctx.reply(`近${SUGGEST_DAYS}天没有订单（已取消的不算），还没法建议配送时段`);
  const s = r.suggestion;
  const lines = [
    `🚚 建议的 ${s.slots.length} 个配送时段（近${SUGGEST_DAYS}天 ${s.totalOrders} 单，平均每天 ${oneDecimal(s.perDay)} 单；每个时段每天最多送 ${capacity} 单，${capacityNote}）：`,
    ...s.slots.map((x, i) => {
      const over = x.perDay - x.coveredPerDay;
      return `${i + 1}. ${hh(x.start)}-${hh(x.start + x.hours)}　预计每天 ${oneDecimal(x.perDay)} 单${over > 0 ? `，超出容量 ${oneDecimal(over)} 单` : ''}`;
    }),
    `合计每天能送 ${oneDecimal(s.coveredPerDay)} 单，占全部订单的 ${(s.share * 100).toFixed(1)}%`,
    `安排时段：/配送 时段 ${hh(s.slots[0]!.start)}-${hh(s.slots[0]!.start + s.slots[0]!.hours)}`,
  ];
  ctx.reply(lines.join('\n'));
}

export const deliveryCommand: Command = {
  names: ['配送', 'delivery'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '应急物流：登记最多 3 家配送公司（按优先级），安排送货上门的配送时段；超时 30 分钟未送达会提醒并给出下一家；按近 30 天的订单热度建议配送时段',
  details: '不写订单号时，时段包含所有有地址或备注送货上门、还没安排时段的待配送订单\n'
    + '例如：/配送　　　　　　　　　　　　　（公司和时段）\n'
    + '　　　/配送 公司 1 顺丰同城 13800000000\n　　　/配送 公司 2 达达 13900000000\n　　　/配送 公司 3 删除\n'
    + '　　　/配送 时段 18:00-19:00\n　　　/配送 时段 明天 9:00-10:00 达达 #12 #13\n'
    + `建议：按近${SUGGEST_DAYS}天每个钟点的订单，找出能送到最多订单的几个时段（默认 2 个、每个 1 小时；容量默认 = 登记的配送公司数 × 每小时 ${ORDERS_PER_COMPANY_HOUR} 单）\n`
    + '　　　/配送 建议　　/配送 建议 3　　/配送 建议 2 20　　/配送 建议 2 时长 2',
  run(ctx, args, app) {
    const [sub, ...rest] = args;
    if (!sub) return overview(ctx, app);
    if (sub === '公司') return provider(ctx, app, rest);
    if (sub === '时段') return slot(ctx, app, rest);
    if (sub === '建议') return suggest(ctx, app, rest);
    ctx.reply(`不认识「${sub}」\n用法：${USAGE}`);
  },
};
