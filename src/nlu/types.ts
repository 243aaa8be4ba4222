// Shared vocabulary of the chat-understanding module. No Wechaty types here.

/** One product as the parser sees it (the `lintuan parse --catalog` file uses the same shape). */
export interface CatalogProduct {
  name: string;
  unit: string;
  price_fen: number;
  aliases?: string[];
  /** Optional category (e.g. 水果, 生鲜, 母婴); the parser may use it, never requires it. */
  category?: string;
  /** Pack sizes it is also ordered by, in its own unit: {"箱": 12} means 1箱 = 12瓶. */
  packs?: Record<string, number>;
}

export const INTENTS = [
  'order', 'cancel', 'modify', 'inquiry', 'complaint', 'suggestion',
  'points_query', 'order_query', 'redeem', 'trace', 'invite_query', 'chitchat',
] as const;
export type Intent = (typeof INTENTS)[number];

export const COMPLAINT_TYPES = [
  '食品安全', '变质不新鲜', '破损', '缺斤少两', '配送延迟', '未送达',
  '错发漏发', '价格', '服务态度', '退款', '与描述不符', '其他',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export interface ParsedItem {
  /** Catalog name of the product. */
  product: string;
  /** Quantity in the product's own selling unit; always finite and > 0. */
  qty: number;
  /** The product's own selling unit. */
  unit: string;
  /** The pack the resident wrote, when it was converted ("1箱" for 12瓶); not part of the CLI output. */
  pack?: string;
}

export interface ParseContext {
  /** The last 接龙 text seen in this group, if any. */
  previous?: string;
  /** Catalog name of the product the leader or bot posted most recently in this group (for "+1"). */
  recent?: string;
}

export interface ParseResult {
  intent: Intent;
  /** Items for order / cancel / modify (cancel with [] = cancel everything open); [] otherwise. */
  items: ParsedItem[];
  /** A product term matched two or more catalog products equally: ask one short question. */
  ambiguous?: { term: string; candidates: string[] };
  /** Order-like text whose quantity was absurd (≤ 0, not finite, too large) or product unknown: never ordered. */
  rejected?: {
    reason: 'bad_qty' | 'absurd_qty' | 'unknown_product' | 'unit_mismatch' | 'not_whole'; term: string; qty?: number;
    /** unit_mismatch / not_whole: the product's selling unit, and the unit the resident wrote. */
    unit?: string; stated?: string;
  };
  complaintType?: ComplaintType;
  /** Address / name found in front of an order ("3-501", "5栋302 王姐"). */
  address?: string;
  name?: string;
  /** Free note behind an order ("切片", "明天自提"). */
  note?: string;
  /** For trace: the code; for redeem: the reward asked for. */
  traceCode?: string;
  redeemTarget?: string;
  /** For inquiry: what is asked about. */
  inquiryTopic?: 'price' | 'stock' | 'delivery_time' | 'pickup_place' | 'cutoff' | 'other';
  /** For inquiry: the product asked about, if any. */
  inquiryProduct?: string;
  /** The intent model's probability of `intent` (absent when only the rule layer read the text). */
  confidence?: number;
  /** The text speaks to the leader or the bot (团长, @). */
  addressed?: boolean;
  /** An action the parser considered but was not sure enough of (the intent above is then a non-action). */
  held?: Intent;
}

export interface Parser {
  parse(text: string, ctx?: ParseContext): ParseResult;
}
