// The dashboard's figures as data: key, Chinese label, the definition shown next to the figure, the seed's target
// and which way is better, the unit, and when the figure is null. The console, the PNG and `lintuan metrics` read
// this list; src/metrics/compute.ts computes exactly these keys.

export const METRIC_KEYS = [
  'nps', 'silent_share', 'orders_per_group_day', 'leader_capacity', 'sku_sell_through', 'stock_turnover_days',
  'next_week_repurchase', 'avg_order_value_fen', 'aov_change', 'stockout_rate', 'loss_rate', 'first_order_conversion',
  'complaint_handling_hours', 'orders', 'gmv_fen', 'new_members', 'repurchase_30d',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];
export type Metrics = Record<MetricKey, number | null>;

/** 'ratio': 0–1 (shown as %); 'score': NPS, −100…100; 'fen': money; the rest are plain numbers with a Chinese unit. */
export type MetricUnit = 'ratio' | 'score' | 'fen' | 'orders' | 'members' | 'days' | 'hours';

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  definition: string;
  /** The seed's target (null: no target, a figure to watch). In the metric's own unit (ratios 0–1). */
  target: number | null;
  /** Which way is better; the target is met when the figure is on that side of it (ties meet it). */
  better: 'higher' | 'lower' | null;
  unit: MetricUnit;
  /** When the figure is null instead of a number. */
  nullWhen: string;
  /** One of the four figures the morning digest and the alerts watch (seed 3.2: 次周复购率、客单价波动; 5.1). */
  watched?: boolean;
}

// Shared wording: what counts as an order and as a member everywhere below.
const ORDER = '订单指区间内下单且未取消的订单（已退款的仍计入，GMV 是成交总额）';
const MEMBER = '成员指居民（不含团长、管理员和机器人）';

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'nps', label: 'NPS 净推荐值', unit: 'score', target: 40, better: 'higher', watched: true,
    definition: '区间内的推荐度打分（/NPS，0–10 分）中，每位居民只算最后一次：推荐者（9–10 分）占比 − 贬损者（0–6 分）占比，× 100',
    nullWhen: '区间内没有打分',
  },
  {
    key: 'silent_share', label: '沉默用户占比', unit: 'ratio', target: 0.08, better: 'lower', watched: true,
    definition: `截至区间最后一天仍在群里的成员中，最后 30 天（含最后一天）在本小区各群没发过消息、也没下过单（含已取消的）的人所占比例；${MEMBER}`,
    nullWhen: '区间结束时没有成员',
  },
  {
    key: 'orders_per_group_day', label: '单群日均订单量', unit: 'orders', target: 15, better: 'higher',
    definition: `区间内的订单数 ÷（本小区绑定的群数（主群和功能群）× 区间天数）；${ORDER}`,
    nullWhen: '本小区没有绑定的群',
  },
  {
    key: 'leader_capacity', label: '团长产能比', unit: 'members', target: 8, better: 'higher',
    definition: '区间内下过单的成员数 ÷ 团长人数（种子文档的最佳值 1:8 理解为每位团长服务 8 位活跃成员；低于 8 说明团长产能没用足）',
    nullWhen: '本小区没有团长',
  },
  {
    key: 'sku_sell_through', label: 'SKU 动销率', unit: 'ratio', target: 0.85, better: 'higher',
    definition: '区间内任一时刻在售（出现在开团到截单之间的团购里）的商品中，区间内至少卖出 1 件（未取消的订单行）的商品所占比例',
    nullWhen: '区间内没有在售商品',
  },
  {
    key: 'stock_turnover_days', label: '仓储周转天数', unit: 'days', target: 7, better: 'lower',
    definition: '平均库存金额 ÷ 日均销售额：每晚记录的库存（前置仓 + 中心仓，按当天售价计）在区间内的日均值，除以区间 GMV ÷ 天数；等于各商品周转天数按销售额加权',
    nullWhen: '区间内没有库存记录或没有销售',
  },
  {
    key: 'next_week_repurchase', label: '次周复购率', unit: 'ratio', target: null, better: 'higher', watched: true,
    definition: '区间内倒数第二个完整自然周（周一到周日）下过单的成员中，在最后一个完整自然周又下单的人所占比例',
    nullWhen: '区间内不足两个完整自然周，或倒数第二周没有人下单',
  },
  {
    key: 'avg_order_value_fen', label: '客单价', unit: 'fen', target: null, better: 'higher',
    definition: `区间 GMV ÷ 订单数（分）；${ORDER}`,
    nullWhen: '区间内没有订单',
  },
  {
    key: 'aov_change', label: '客单价波动', unit: 'ratio', target: null, better: null, watched: true,
    definition: '最后一个完整自然周的客单价相对前一周的变化：（本周 − 上周）÷ 上周',
    nullWhen: '区间内不足两个完整自然周，或其中一周没有订单',
  },
  {
    key: 'stockout_rate', label: '断货率', unit: 'ratio', target: 0.05, better: 'lower',
    definition: '区间内因库存不足被拒绝（整条消息没下成）或被砍掉（其余商品下成了）的订单行 ÷ 所有要下的订单行（下成的订单行含后来取消的，加上被拒绝和砍掉的）',
    nullWhen: '区间内没有人下单',
  },
  {
    key: 'loss_rate', label: '损耗率', unit: 'ratio', target: 0.012, better: 'lower',
    definition: '区间内报损（/报损 变质、破损）和质检不合格下架的商品按售价计的金额 ÷ 区间 GMV',
    nullWhen: '区间内没有销售',
  },
  {
    key: 'first_order_conversion', label: '首单转化率', unit: 'ratio', target: 0.31, better: 'higher',
    definition: `区间内新加入的成员中，加入后 7 天内下了第一单（未取消）的人所占比例（7 天可以越过区间末尾）；${MEMBER}`,
    nullWhen: '区间内没有新成员',
  },
  {
    key: 'complaint_handling_hours', label: '投诉处理时长', unit: 'hours', target: 48, better: 'lower',
    definition: '区间内处理完（给出补偿方案）的工单，从开单到处理完的平均小时数',
    nullWhen: '区间内没有处理完的工单',
  },
  {
    key: 'orders', label: '订单数', unit: 'orders', target: null, better: 'higher',
    definition: ORDER, nullWhen: '从不为空（没有订单时为 0）',
  },
  {
    key: 'gmv_fen', label: 'GMV', unit: 'fen', target: null, better: 'higher',
    definition: `区间内订单金额之和（分，按取消部分商品后的金额）；${ORDER}`, nullWhen: '从不为空（没有订单时为 0）',
  },
  {
    key: 'new_members', label: '新增成员', unit: 'members', target: null, better: 'higher',
    definition: `区间内第一次加入本小区的成员数；${MEMBER}`, nullWhen: '从不为空',
  },
  {
    key: 'repurchase_30d', label: '30 天复购率', unit: 'ratio', target: null, better: 'higher',
    definition: '最后 30 天（含区间最后一天）下过单的成员中，下了 2 单及以上的人所占比例',
    nullWhen: '最后 30 天没有人下单',
  },
];

/** Whether a figure meets its target (null: no target or no figure). */
export function meetsTarget(def: MetricDefinition, value: number | null): boolean | null {
  if (value === null || def.target === null || def.better === null) return null;
  return def.better === 'higher' ? value >= def.target : value <= def.target;
}
