// General features of one message for the intent model (model.ts): character n-grams of the text with catalog
// products masked, plus cues the rest of the parser already computes (catalog match, quantities and whether they
// pair with a product, question / negation / story / complaint cues, addressee, group-buy words, context) and the
// rule layer's own reading. Shared by the trainer (scripts/train-intent.ts) and the runtime, so both see the same.
import type { ProductSpan } from '../catalog-match.js';
import type { Extraction } from '../order.js';
import type { Sentiment } from './sentiment.js';
import type { ParseContext, ParseResult } from '../types.js';
import {
  CANCEL_HEAD_RE, CANCEL_TAIL_RE, COMPLAINT_RE, EXCHANGE_RE, INVITE_RE, MODIFY_RE, MY_ORDER_RE, ORDER_QUERY_RE, ORDER_VERB_RE, POINTS_RE,
  QUESTION_RE, STORY_RE, SUGGESTION_RE,
} from '../intent.js';

/** Words of the group-buy itself (not of neighbourhood life). */
export const GROUP_BUY_RE = /订单|单子|下单|截单|截止|取货|提货|自提|团购|开团|拼团|团长|积分|券|兑换|退款|退钱|配送|送货|到货|发货|接龙|上架|溯源|邀请|团里|团的/;
/** Spoken to the leader or the bot. */
export const ADDRESSED_RE = /团长|@|小助手|机器人/;
/** Targets outside the group-buy: property, utilities, neighbours, shops, couriers, takeaway (complaints about them are chitchat).
 * Takeaway is left out: residents' reviews of a meal read like a complaint about a delivery. Not after 比/不如: a comparison
 * ("比超市还贵") names a yardstick, not the target. */
export const ELSEWHERE_RE = /(?<!比|如|比不上|不如)(?:物业|业委会|快递|驿站|快递柜|超市|菜场|菜市场|饭店|餐馆|小店|楼上|楼下|邻居|隔壁|保安|门卫|电梯|停车|车位|地库|水压|停水|停电|燃气|暖气|网络|宽带|装修|施工|学校|医院)/;
/** Somebody else's business, more widely than ELSEWHERE_RE: takeaway and online shops too (a feature, not a veto). */
export const OTHER_TARGET_RE = new RegExp(`${ELSEWHERE_RE.source}|外卖|网购|淘宝|京东|美团|饿了么|拼多多|菜鸟|丰巢|顺丰|中通|韵达|圆通|申通`);
const NEGATION_RE = /不|没|别|未|莫|甭/;

/** A correction of what was written ("写错了，是3斤"). */
const CORRECTION_RE = /写错|搞错|打错|弄错|填错|报错|错了|更正|改一下|改下|重新报/;
const TOTAL_RE = /一共|总共|总的/;
/** The body reacting (food safety if about a product, neighbourhood life otherwise). */
const HEALTH_RE = /吐|拉肚子|腹泻|拉稀|过敏|肚子疼|胃疼|医院|发烧|不舒服|中毒/;
/** Narration of what already happened (past tense, someone else's doing). */
const PAST_RE = /了[,，。!~ ]|了$|过了|已经|刚才|刚刚|昨天|前天|上次|上回|那天|去年/;
const NUMERAL_RE = /[0-9零〇一二两三四五六七八九十百半俩]/;
const THANKS_RE = /谢谢|辛苦|收到|好的|感谢|多谢|晚安|早安|早上好/;
const REQUEST_RE = /麻烦|帮我|给我|请|留|预定|预订|再来|来[一两二三四五六七八九十0-9]/;

export interface FeatureInput {
  /** Normalized text. */
  t: string;
  /** The same text with each product span replaced by 品. */
  bare: string;
  spans: ProductSpan[];
  ex: Extraction;
  sent: Sentiment;
  ctx: ParseContext;
  /** What the rule layer read. */
  rule: ParseResult;
  /** A category word of this catalog occurs (海鲜, 冻品, 鲜花 …): about the group-buy's goods without naming one. */
  category: boolean;
}

/** "A不AB" asks "AB吗" (好不好吃 → 好吃吗, 甜不甜 → 甜吗). */
const A_NOT_A = /([\u4e00-\u9fff])[不没]\1((?![啊呀呢吧的了哦嘛])[\u4e00-\u9fff])?/g;
export const asQuestion = (s: string) => s.replace(A_NOT_A, '$1$2吗');
const bucket = (n: number, cuts: number[]) => { let i = 0; while (i < cuts.length && n > cuts[i]) i++; return i; };

/** Character n-grams are taken from the first MAX_CHARS characters: enough to read a message, bounded cost on reviews. */
const MAX_CHARS = 160;

export function intentFeatures(x: FeatureInput): string[] {
  const { t, bare, spans, ex, sent, ctx, rule, category } = x;
  const out: string[] = [];
  // Character 1–3-grams (digits folded to 0), with start/end marks.
  // "好不好吃" asks: without its "不好" n-gram it does not read like "不好吃".
  const s = '^' + asQuestion(bare.slice(0, MAX_CHARS)).replace(/[0-9]+(?:\.[0-9]+)?/g, '0').replace(/\s+/g, ' ') + '$';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== ' ' && c !== '^' && c !== '$') out.push(c);
    if (i + 1 < s.length) out.push(s.slice(i, i + 2));
    if (i + 2 < s.length) out.push(s.slice(i, i + 3));
  }
  const np = spans.length;
  const prod = np === 0 ? 'p0' : np === 1 ? 'p1' : 'p2';
  out.push('#' + prod);
  if (spans.some((sp) => sp.fuzzy)) out.push('#fuzzy');
  if (ex.ambiguous) out.push('#ambig');
  if (ex.items.length) out.push('#items');
  if (ex.explicitQty) out.push('#qty');
  if (ex.rejected) out.push('#rej:' + ex.rejected.reason);
  if (ex.orphans.length) out.push('#orphan', '#orphan' + (ex.orphans.some((q) => q.unit) ? 'U' : 'N'));
  if (ex.address) out.push('#addr');
  if (ex.note) out.push('#note');
  if (np) out.push('#res' + bucket(ex.residue.length, [0, 2, 4, 8, 12, 20]));
  out.push('#len' + bucket(t.length, [3, 6, 10, 16, 25, 40, 80]));
  // Word cues read the A不A question as a question: "好不好吃" holds neither the complaint "不好吃" nor a negation.
  const cue = asQuestion(bare);
  const num = NUMERAL_RE.test(bare);
  if (num) out.push('#num');
  const cues: [string, boolean][] = [
    ['q', QUESTION_RE.test(bare) || QUESTION_RE.test(cue)], ['qmark', t.includes('?')], ['story', STORY_RE.test(cue)], ['past', PAST_RE.test(cue)],
    ['cmp', COMPLAINT_RE.test(cue)], ['sug', SUGGESTION_RE.test(cue)],
    ['cancel', CANCEL_HEAD_RE.test(t) || CANCEL_TAIL_RE.test(t)], ['mod', MODIFY_RE.test(t)], ['verb', ORDER_VERB_RE.test(cue)],
    ['points', POINTS_RE.test(t)], ['oq', ORDER_QUERY_RE.test(t)], ['inv', INVITE_RE.test(t)],
    ['neg', NEGATION_RE.test(cue)], ['addr', ADDRESSED_RE.test(t)], ['gb', GROUP_BUY_RE.test(t)],
    ['thanks', THANKS_RE.test(t)], ['elsewhere', ELSEWHERE_RE.test(t)], ['req', REQUEST_RE.test(cue)],
  ];
  for (const [k, on] of cues) if (on) {
    out.push('#' + k);
    out.push('#' + k + '&' + prod); // the same cue means another thing with or without a product
  }
  // The last clause of a longer message is what it asks for: a story first, a request last
  // ("上回的…绝了，再来两斤") or a request first, a question last.
  const clauses = cue.slice(0, MAX_CHARS).split(/[,.;!?~\s，。；！？、]+/).filter(Boolean);
  if (clauses.length > 1) {
    const last = clauses[clauses.length - 1];
    const lastCues: [string, boolean][] = [
      ['q', QUESTION_RE.test(last)], ['past', PAST_RE.test(last)], ['verb', ORDER_VERB_RE.test(last) || REQUEST_RE.test(last)],
      ['num', NUMERAL_RE.test(last)], ['prod', last.includes('品')],
    ];
    for (const [k, on] of lastCues) if (on) out.push('#last:' + k);
    if (lastCues[2][1] && lastCues[3][1]) out.push('#last:verb&num');
    if (PAST_RE.test(clauses[0])) out.push('#first:past');
  }
  // What the message is about: the group-buy (a product, a category, a group-buy word, the leader), somebody
  // else's business (property, a shop, a courier, a takeaway), or nothing named. Crossed with the judgement and
  // the question, since a complaint or a question means another thing with each target (a linear model cannot
  // make the conjunction itself). Catalog-independent: they transfer to an unseen catalog.
  const ours = np > 0 || category || GROUP_BUY_RE.test(t) || ADDRESSED_RE.test(t);
  const tgt = ours ? 'ours' : OTHER_TARGET_RE.test(t) ? 'other' : 'none';
  out.push('#tgt:' + tgt);
  if (category) out.push('#cat');
  const judged = COMPLAINT_RE.test(cue) || sent.score < 0;
  if (judged) out.push('#neg&' + tgt);
  const q = QUESTION_RE.test(bare) || QUESTION_RE.test(cue);
  if (q) out.push('#q&' + tgt);
  if (HEALTH_RE.test(cue)) out.push('#health&' + tgt);
  if (MY_ORDER_RE.test(t)) out.push('#myorder');
  if (EXCHANGE_RE.test(t)) out.push('#exchange');
  if (CORRECTION_RE.test(t)) out.push('#correct', '#correct&' + (num ? 'num' : 'nonum'));
  if (TOTAL_RE.test(t)) out.push('#total');
  // Clause by clause: a request with a quantity ("…，来十袋") or a narration with one ("吃了两斤排骨").
  for (const c of clauses.length > 1 ? clauses : []) {
    const n = NUMERAL_RE.test(c);
    const p = c.includes('品');
    const verb = ORDER_VERB_RE.test(c) || REQUEST_RE.test(c);
    const past = PAST_RE.test(c) || STORY_RE.test(c);
    if (verb && n && !past) out.push('#clause:req' + (p ? '&p' : ''));
    if (past && n) out.push('#clause:pastnum' + (p ? '&p' : ''));
    if (QUESTION_RE.test(c)) out.push('#clause:q' + (p ? '&p' : ''));
  }
  if (ctx.recent) out.push('#recent');
  if (ctx.previous) out.push('#prev');
  if (ctx.recent && num && np === 0) out.push('#recent&num');
  out.push('#sent' + bucket(sent.score, [-1.5, -0.01, 0.01, 1.5]));
  const r = 'R' + rule.intent;
  out.push(r, r + '&' + prod);
  if (rule.items.length) out.push(r + '&items');
  if (ADDRESSED_RE.test(t)) out.push(r + '&addr');
  if (GROUP_BUY_RE.test(t)) out.push(r + '&gb');
  if (ELSEWHERE_RE.test(t)) out.push(r + '&elsewhere');
  return out;
}
