// How simulated residents write: orders, chatter, questions, complaints, scores: written here from scratch, with
// varied word order, Chinese numerals (两/三), aliases, typos, emoji and filler, so the bot is read against text it
// was not trained on.
export type Rand = () => number;

export interface Item { product: string; qty: number; unit: string; aliases: string[] }

const pick = <T>(xs: readonly T[], r: Rand): T => xs[Math.floor(r() * xs.length)]!;
const CN = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const EMOJI = ['😊', '🙏', '👍', '😄', '🌹', '[抱拳]', '[玫瑰]', '～', '!!', '😂'];
const TYPO: Record<string, string> = { 苹果: '平果', 草莓: '草梅', 鸡蛋: '鸡旦', 西红柿: '西红士', 香蕉: '香焦', 牛奶: '牛乃', 五花肉: '五花' };

function qtyText(q: number, r: Rand): string {
  if (q <= 10 && r() < 0.4) return CN[q]!;
  return r() < 0.1 ? String.fromCharCode(0xff10 + q) /* full-width digit */ : String(q);
}

function name(item: Item, r: Rand): string {
  return item.aliases.length && r() < 0.25 ? pick(item.aliases, r) : item.product;
}

function oneItem(item: Item, r: Rand): string {
  const n = name(item, r);
  const q = item.qty > 9 ? String(item.qty) : qtyText(item.qty, r);
  const forms = [
    () => `${n}${q}${item.unit}`,
    () => `${n} ${q}${item.unit}`,
    () => `${q}${item.unit}${n}`,
    () => `要${q}${item.unit}${n}`,
    () => `${n}x${item.qty}`,
    () => `${n}${item.qty}`,
    () => `来${q}${item.unit}${n}`,
    () => `${n}要${q}${item.unit}`,
  ];
  return pick(forms, r)();
}

/** An order as a resident writes it (one or several items), with the usual decorations. */
export function orderText(items: Item[], r: Rand, rates: { typo: number; emoji: number }): string {
  let body = items.map((it) => oneItem(it, r)).join(pick(['，', ' ', '、', '，再', '\n'], r));
  const pre = r() < 0.3 ? pick(['', '团长，', '我要', '帮我订', '麻烦', '+1 '], r) : '';
  const post = r() < 0.3 ? pick(['谢谢', '，谢谢团长', '哈', '～', '，明天自提', ''], r) : '';
  body = pre + body;
  if (r() < rates.typo) {
    const t = Object.keys(TYPO).find((k) => body.includes(k));
    body = t ? body.replace(t, TYPO[t]!) : body.replace(/(\d)/, ' $1 ');
  }
  if (r() < rates.emoji) body += pick(EMOJI, r);
  return body + post;
}

const CHATTER = [
  '今天降温了，大家出门多穿点', '楼下快递柜又满了', '有没有人知道物业电话', '早上好呀☀️', '电梯是不是又在检修',
  '谁家的猫跑到{b}号楼楼道了', '周末小区门口有集市吗', '孩子放学路上注意安全', '晚上广场舞几点开始', '哈哈哈哈',
  '收到', '好的', '刚看到群消息', '下雨了记得收衣服', '有没有一起团羽毛球场的', '{b}栋停水了吗', '谢谢邻居们',
  '小区门口新开了家面馆，味道还行', '今天的晚霞好美', '请问车库出口怎么又堵了', '👍👍', '大家晚安', '中午好',
];
export function chatterText(r: Rand, building: number): string {
  return pick(CHATTER, r).replace('{b}', String(building));
}

export function inquiryText(product: string, r: Rand): string {
  return pick([`${product}多少钱`, `${product}还有吗`, `${product}怎么卖`, '今天几点截单', '几点截单呀', '自提点在哪里', '啥时候到货'], r);
}

export function qualityComplaint(product: string, r: Rand): string {
  return pick([
    `昨天买的${product}坏了好几个，怎么处理`, `${product}收到是烂的，能退吗`, `我买的${product}有问题，不新鲜`,
    `${product}质量太差了，要求退款`, `买的${product}变质了😠`,
  ], r);
}

export function lateComplaint(r: Rand): string {
  return pick(['怎么还没到货啊，等了一天了', '货到了吗？说好的上午呢', '配送太慢了，到现在还没送到', '今天的团购还没到，能催一下吗'], r);
}

export function scoreText(score: number, r: Rand): string {
  return pick([`${score}分`, `${score} 分`, `给${score}分`, `打${score}分`], r);
}
