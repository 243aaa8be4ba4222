// Review sentiment: a hand-written Chinese polarity lexicon with negation, degree adverbs and
// contrast clauses ("不太新鲜" < 0, "很新鲜" > 0, "没有想象中好吃" < 0, "好吃，但是太慢了" < 0).
// Matching is longest-first over a character trie, so no tokenizer and no allocation per message.

/** Kinds of lexicon entries. */
const SENT = 0; // polarity word: weight < 0 negative, > 0 positive, 0 = neutral blocker ("酸奶", "辛苦")
const NEG = 1; // negator: flips the next polarity word in the same clause
const DEG = 2; // degree adverb: scales the next polarity word
const CONTRAST = 3; // 但是/不过: what came before counts less
const HAO = 4; // 好: degree before a polarity word ("好慢"), positive on its own ("挺好")
const NEG_STOP = 5; // 就 ends a negator's reach: "还没吃就漏了" is a leak, not "not leaked"

interface Entry { kind: number; w: number }
interface Node { next: Map<number, Node> | undefined; entry: Entry | undefined }

// ---- the lexicon (written by hand; weights: ±1 ordinary, ±1.5 clear, ±2 decisive) ----

const NEGATIVE: Record<string, string> = {
  '-2.5': '上吐下泻 又吐又拉 吃坏肚子 吃完肚子疼 过敏了 起疹子 起红疹 中毒 差评 投诉 垃圾 恶心 坑爹 坑人 骗人 骗子 上当 欺诈 黑心 无良 拉黑 避雷 踩雷 再也不 不会再 不敢再 再不 不再 不会再来 ' +
    '难以下咽 无法下咽 没法吃 不能吃 倒掉 扔了 扔掉 全扔 喂狗 拉肚子 腹泻 食物中毒 吃坏 呕吐 最差 最烂 最糟 最难吃 史上最 ' +
    '忍无可忍 气死 愤怒 一星 退货 退款 退钱 过期 变质 发霉 霉变 长毛 馊 腐烂 臭了 发臭 虫子 有虫 苍蝇 蟑螂 头发 异物 ' +
    '坑 大坑 被坑 坑死 太坑 缺斤少两 缺斤短两 以次充好 货不对板 假货 山寨 劣质 难吃 难喝 超难吃 奇差 极差 巨难吃',
  '-1.8': '伤心 难过 烦 烦死 失望 后悔 糟糕 差劲 恶劣 敷衍 反胃 想吐 吐了 呵呵 无语 郁闷 生气 崩溃 醉了 服了 受不了 烂 坏 坏了 坏的 坏果 ' +
    '烂果 烂了 烂掉 发黑 发软 发酸 酸臭 异味 怪味 臭味 哈喇味 骚味 腥臭 馊味 霉味 药味 夹生 没熟 不熟 生的 糊了 焦了 ' +
    '少得可怜 缩水 偷工减料 不值 不划算 不值得 死贵 太贵 超时 迟到 延误 没收到 没有收到 未收到 收不到 没送到 没有送到 ' +
    '没送来 送错 发错 拿错 漏发 漏送 少发 少送 少给 少了 缺了 漏了 撒了 洒了 破了 碎了 压坏 压烂 磕坏 摔坏 破损 破碎 ' +
    '变形 瘪了 蔫了 蔫 干瘪 空心 暗伤 碰伤 伤痕 疤 坑坑洼洼 黑斑 斑点 虫眼 腐 变味 没味 没味道 没有味道 寡淡 清汤寡水 ' +
    '不新鲜 不好 不行 不满 不爽 不如 还不如 比不上 不及 大不如前 退步 越来越差 越来越少 越来越小 变差 变少 变小 ' +
    '不推荐 不建议 不咋地 不怎么样 没法 无法 半天 好久 等了 等死 催了 催单 一个多小时 两个小时 俩小时 几个小时 ' +
    '冷了 凉了 冰凉 凉透 坨了 糊 焦 苦 涩 硬 咸 太咸 齁 腻 油腻 太油 腥 膻 酸了 柴 老了 塞牙 嚼不动 稀 水水的 ' +
    '脏 不卫生 太少 量少 很少 分量少 份量少 量太少 不够 不足 不够吃 吃不饱 贵 偏贵 太小 好小 很小 偏小 个头小 个小 ' +
    '不大 不多 一般 太一般 很一般 简陋 粗糙 寒酸 难看 丑 浪费 可惜 遗憾 问题 毛病 瑕疵 质量差 服务差 态度差 慢 太慢 ' +
    '速度慢 送餐慢 晚了 迟 拖 磨蹭 坑人 宰人 宰客 骗 假的 忽悠 虚假 欺骗 奸商 不负责 不负责任 不理人 不回 爱答不理 ' +
    '凶 骂 甩脸 态度恶劣 不耐烦 无所谓 凑合 将就 勉强 马马虎虎 普普通通 失败 上火 不值这个价 偏少 太少了 差 较差 ' +
    '错 错了 搞错 弄错 忘了 忘记 没放 没给 没有给 没有放 没送 没有送 没到 没来 没有来 还没到 还没来 还没送 丢了 ' +
    '不见了 不一样 不符 不符合 与描述不符 和图片不符 图片不符 小了 贵了 涨价 多收 乱收 没法退 难剥 酸涩 又酸又涩 ' +
    '掉价 不正宗 不地道 不对 不对劲 有问题 出问题 太差 很差 真差 好差 极慢 巨慢 超慢 慢死 饿死 饿 别买 别点 别来 别去 大家别 不要买 千万别 千万不要 不敢 不敢吃 受过伤 受伤 伤 丢掉 丢了 出入 有出入  就那样 就这样 成这样  唉 哎 心塞 特么 他妈 妈的 尼玛 艹 我靠 懒 懒得 不接 打不通 没人接 关机 中评 有待提高 待提高 需要改进 待改进 有待加强 要提高 差点意思 差了点 差一点 差些 没什么味 没啥味 没什么味道 油大 油太大 油重 口味重 太重 偏重 有点干 太干 很干 干了 发干 奇怪 恐怖 时间不准 怎么回事 什么意思 好意思 凭什么 为什么 为啥 难道 能吃吗 吐槽 坑货 水货  太硬 硌牙 不新 不热 不脆 不甜 不香',
  '-1': '凉 少 可怜 太多 裂 裂开 裂口 皱 皱巴巴 面了 酸 不好说 拒绝 拒收 哭了 晕 迟迟 慢吞吞 磨叽 晚点 整整 足足 不够辣',
  '-2': '才到 才送到 才送来 才来 才拿到 才收到 吃不下 难以接受 接受不了 不敢恭维 下次不 再也 最后一次 没胃口 倒胃口 干巴 干巴巴 ' +
    '没水分 没有水分 大小不一 划不来 亏 亏了 吃亏 智商税 推脱 扯皮 推卸 没人管 没人理 不给退 不让退 不处理 气愤 恼火 窝火 闹心 糟心 ' +
    '惨 悲剧 杯具 闹肚子 肚子疼 肚子痛 难受 一星 退单 被取消',
  // Review reports and rhetorical complaints (added with the development set, tests/nlu/dev-reviews.tsv).
  '-1.5': '要命 得要命 辣死 咸死 难吃死 快过期 快到期 临期 没消息 没人通知 没通知 不通知 也不说一声 不说一声 也不打电话 ' +
    '也不打个电话 不打电话 没打电话 没区别 没什么区别 没啥区别 料理包 预制菜 刷的 刷单 刷好评 怎么来的 冷淡 冷漠 ' +
    '化掉 化了 粘在一起 凹 凹进去 发芽 发黄 黄了 石子 石头 沙子 沙粒 才接单 才出餐 搞什么 什么鬼 啥玩意 有没有搞错 ' +
    '就这 这也叫 这也算 这也能 能吃吗 能喝吗 好意思 还好意思 不干净 只给了 只给 才给了 不通知 说好的 碎渣 渣 ' +
    '太辣 太甜 太淡 淡了 没放 漏了 没送 没送水 没给筷子 没有筷子 没筷子 没勺子 没有勺子 商家取消 被退单 ' +
    '吃不惯 没解决 没有解决 不解决 解决不了',
  '-1.80': '只送了 只给了一 只来了 只到了 只发了 只收到 货没发 没发货 找谁去 口味变了 味道变了 变味了 不是以前的味道 没以前好 ' +
    '以前挺好 以前很好 以前挺好吃 以前很好吃 以前还行 以前还不错 之前挺好 之前很好 原来挺好 不对味 不是那个味 完全不对 ' +
    '自己吃过吗 自己吃吗 自己尝尝 自己尝过 你们自己吃 你们自己喝 你们自己尝 长见识了 开眼界 给猫吃 喂猫 打发叫花子 ' +
    '这叫新鲜 比肉多 比菜多 比肉还多 只有一点点 就一点点 皮太厚 皮厚 没几块 没几个 没几片 没几颗 找不到几 ' +
    '保质期都快到 保质期快到 快到期了 还发过来 麻嘴 扎嘴 麻舌头 好评返现 说好送 说好今天 说好明天 说好几点 说好上午 说好下午',
  '-2.50': '什么玩意 什么玩意儿 冷链都没有 没有冷链 没冷链 刷锅水 洗锅水 泔水 猪食 好评是怎么来的 好评怎么来的 好评是哪来的 好评哪来的',
  '-2.2': '本来想好评 本来想给好评 本想好评 本想给好评 再也不会 再也不买 再也不点 再也不来',
  '-0.7': '小 说是 慢了点 慢了一点 贵了点 贵了一点 小了点 小了一点 晚了点 晚了一点 咸了点 淡了点 酸了点',
};
const POSITIVE: Record<string, string> = {
  '2': '好评 五星 满分 超赞 完美 无可挑剔 没得说 没话说 物美价廉 超值 惊喜 回购 必点 必买 强烈推荐 一级棒 太棒 给五星 ' +
    '好好吃 超好吃 特好吃 巨好吃 非常好吃 赞赞 点赞 好吃到 百吃不厌 吃了还想吃 下次还 还会再 会再来 还会来 再来 还来 ' +
    '还买 继续买 还会买 会回购 一直买 一直在 常买 经常买 经常点 一直点',
  '1.5': '好吃 美味 可口 香 香味 好喝 满意 喜欢 爱吃 爱喝 推荐 赞 棒 给力 不错 新鲜 鲜 实惠 划算 值 值得 性价比高 正宗 地道 ' +
    '入味 下饭 多汁 汁多 水分足 饱满 脆甜 香甜 清甜 甘甜 鲜甜 甜 脆 嫩 爽口 酥 软糯 筋道 劲道 醇 浓郁 香浓 奶香 ' +
    '及时 准时 迅速 神速 快 很快 挺快 飞快 提前 靠谱 放心 安心 完好 完好无损 无损 周到 贴心 热情 耐心 细心 用心 ' +
    '负责 礼貌 客气 干净 卫生 一如既往 老味道 味道好 分量足 份量足 量足 量大 个大 足秤 足斤 足量 新鲜度 大个 很大 ' +
    '不少 便宜 优惠 好看 漂亮 精致 开心 满足 舒服 放心吃 惊艳 良心 厚道 实在 很足 很多 挺多 超多 满满 优秀 赞一个',
  '2.2': '一滴都没剩 一点都没剩 吃光了 吃得精光 一扫而光 光盘 超出预期 超预期 出乎意料的好 认准 就认准 只买这家 只认这家 ' +
    '不会再去别家 不去别家 不用去别家 没换过 一直没换 吃了好几年 买了好几年 喝了好几年',
  '1.6': '很干净 太干净 挺干净 超干净 非常干净 特别干净 蛮干净 真干净 太多汁 很多汁 到位 很到位 秒回 回复及时 回复快 ' +
    '熟悉的味道 老字号 还是那个味 还是原来的味道 刚刚好 没问题 没有问题 东西没问题 还多了 多了一点 给多了 多给了 再也不用 不用再 ' +
    '不麻嘴 完好 是好的 都是好的 还是好的 又来买 又来买了 又买了 又回购 再次购买 二话不说 马上补发 立刻补发 补发了 ' +
    '主动退款 挺好的 很好的 蛮好的 正合我意 合我意 合口味 很合口味 不咸不淡 不甜不腻 不油不腻 不硬不软 不软不硬 ' +
    '不大不小 不肥不瘦 不稀不稠 都说好 都说好吃 都说不错',
  '0.8': '送人 送朋友 送亲戚 送礼',
  // Tolerance and a defect put right: the reviewer is satisfied in the end ("有一个坏的，客服马上退了钱，服务很好").
  '1.8': '能理解 可以理解 情有可原 不影响 不影响吃 不影响口感 不影响使用 不影响好评 不计较 就不计较 瑕不掩瑜 无伤大雅 ' +
    '马上退了 马上给退了 马上给退 主动退了 主动退款 给退了钱 退了差价 马上补 给补了 补了 重新做了 重新送了 马上重新 马上换了 ' +
    '处理很快 处理及时 处理得很快 处理得很好 很快就处理 售后很好 售后不错 售后给力 客服很好 客服不错 客服给力 客服态度好 客服态度很好 ' +
    '甜度在线 品质在线 口感在线 质量在线 味道在线 颜值在线 对味 最对味 适应 挺适应 齐全 挺全 方便 又精神了 小时候的味道 还能吃 照样吃 能吃 能喝 都能吃 也能吃 整体不错 整体还行 总体不错 总体还行 总体满意 整体满意',
  '1': '好 可以 还可以 还行 挺好 不错的 合适 适中 刚好 刚刚好 正好 热乎 热乎乎 热的 热 谢谢 感谢 辛苦 辛苦了 支持 ' +
    '厉害 666 nice good ok 好样的 暖心 感动 信赖 值得信赖 必须好评 物流快 速度快 送货快 到货快 发货快 当天就到 第二天就到 ' +
    '回头客 常客 均匀 酸甜可口 水分 不错哦 很赞 好棒 喜欢喝 好评如潮 ' +
    '加油 喜欢吃 有特色 特色 正品 包装好 包装严实 严实 结实   嘎嘣脆 清爽 细腻 顺滑 丝滑 浓 甜甜',
};
// Words that look like polarity words but are not (the longest match wins, so these block "酸", "冷", "苦", "坏"…).
const NEUTRAL = '得不行 天冷了 天气冷了 天凉了 天气凉了 天冷 降温了 鱼香 五香 十三香 香辣 香锅 甜辣 有问题秒 有问题找 有问题马上 有问题可以 有问题都 有什么问题 酸奶 酸菜 酸辣 酸梅 酸甜 老酸奶 冷藏 冷链 冷冻 冷饮 冰冷 冰柜 辛苦 苦瓜 苦荞 咸鸭蛋 咸菜 咸蛋 硬币 ' +
  '小哥 小区 小孩 小朋友 小时候 小时 小米 小龙虾 小菜 小吃 小份 快递 快点 快餐 赶快 尽快 快要 快吃完 一般来说 不好意思 ' +
  '不用 不知道 不知 不管 不得不 不仅 不但 不光 不一定 不会吧 好多 好像 好几 好些 好的 好了 只好 正好 刚好 ' +
  '慢慢 慢用 问题不大 不错过 生日 生活 生鲜 生意 生菜 先生 学生 医生 生产 差不多 差点 出差 ' +
  '坏蛋 坏处 凉皮 凉面 凉菜 凉拌 凉粉 凉茶 冰凉粉 骨头 老板 老公 老婆 老家 老人 老师 老是 老样子 老客户 ' +
  '鲜奶 鲜花 海鲜 生鲜 鲜肉 鲜榨 香菜 香蕉 香肠 香菇 香油 香料 甜品 甜点 甜筒 热线 热量 热水 热狗 值班 ' +
  '贵州 柴火 柴鸡 稀饭 脆皮 烂糊 米饭 饭 等等 等一下 等待 等我 平等 问题是 可能 可爱 可乐 可口可乐 可颂 小伙 小姐 小店 小妹 小票 小料 小葱 小炒 小番茄 小西红柿 小袋 小盒 小包 小瓶 小份 大小 从小 小心 小时 小二 小卖部 小面 小笼包 小馄饨 老干妈 死了 老鸭 老鸡 老火 凉快 少许 多少 至少 少量 少女 减少 少放 少辣 少糖 少冰 少盐 少油 不少 怎么卖 怎么买 怎么取 怎么拿 怎么订 怎么下单 怎么付 敢不敢 呢子';

const NEGATORS = '不像描述的那样 不像说的那样 不像图片那样 不像宣传的那样 没有描述的那么 没有说的那么 没有图片上 没有宣传的那么 ' +
  '没有想象的那么 没想象的那么 不像描述的 不像图片上 不要 不想要 别给 不 没 没有 无 未 别 不是 不太 不怎么 不算 不够 并不 并没有 并非 毫不 一点也不 一点都不 一点儿也不 ' +
  '都不 也不 都没 也没 都没有 也没有 根本不 根本没 从不 从没 从来不 从来没有 绝不 决不 不再是 算不上 谈不上 称不上';
const DEGREES: Record<string, string> = {
  '1.8': '完全 太 超 超级 巨 极 极其 极度 非常 特别 十分 相当 真心 实在是 简直 死 贼 老 这么 那么 如此 也太 真的 真是 最',
  '1.4': '很 挺 蛮 真 够 确实 还挺 都很 也很 很是 更 越来越 这样',
  mild: '有点 有些 有一点 有点儿 稍微 略 略微 稍 比较 较 偏 还算 算是',
};
// Summaries ("整体", "其他都…") also weigh what follows over what came before.
const CONTRASTS = '结果 结果是 谁知 没想到 但是 但 不过 可是 可 就是 只是 然而 却 可惜 只不过 只可惜 美中不足 唯一 除了 无奈 遗憾的是 ' +
  '整体 总体 整体来说 总体来说 总的来说 总之 其他 其它 其余 别的都 除此之外 好在 幸好 还好';

// ---- trie ----

const ROOT: Node = { next: undefined, entry: undefined };
function add(word: string, e: Entry): void {
  let n = ROOT;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    n.next ??= new Map();
    let m = n.next.get(c);
    if (!m) { m = { next: undefined, entry: undefined }; n.next.set(c, m); }
    n = m;
  }
  n.entry = e;
}
const split = (s: string) => s.split(/\s+/).filter(Boolean);
for (const [w, list] of Object.entries(DEGREES)) for (const x of split(list)) add(x, { kind: DEG, w: w === 'mild' ? NaN : Number(w) });
for (const x of split(NEGATORS)) add(x, { kind: NEG, w: 0 });
for (const x of split(CONTRASTS)) add(x, { kind: CONTRAST, w: 0 });
add('就', { kind: NEG_STOP, w: 0 });
for (const [w, list] of Object.entries(POSITIVE)) for (const x of split(list)) add(x, { kind: SENT, w: Number(w) });
for (const [w, list] of Object.entries(NEGATIVE)) for (const x of split(list)) add(x, { kind: SENT, w: Number(w) });
for (const x of split(NEUTRAL)) add(x.replace(/\?$/, ''), { kind: SENT, w: 0 });
add('好', { kind: HAO, w: 1 });
// Contrast words that are also polarity words keep both roles.
const ALSO_NEGATIVE = new Set(['可惜', '遗憾的是', '美中不足', '无奈']);

// Clause ends: punctuation and spaces.
const isBreak = (c: number) =>
  c === 0x2c || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x7e || c === 0x20 || c === 0x0a ||
  c === 0x3002 || c === 0xff0c || c === 0x3001 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x2026 || c === 0x3a;

/** How far (in characters) a negator or degree adverb reaches forward within its clause. */
const NEG_REACH = 5;
const DEG_REACH = 2;
/**
 * Tunable weights, chosen on the hand-written development set tests/nlu/dev-reviews.tsv (never on the
 * review test set). Exported only for the tuning script.
 */
export const S = {
  /** Weight of what came before a contrast word ("好吃，但是太慢" is about the slowness). */
  beforeContrast: 0.35,
  /** Scale of a polarity word after a mild degree adverb ("有点小", "稍微贵"). */
  mild: 0.8,
};
/** A negated negative word is only mildly positive ("不贵", "没有坏的"). */
const NEGATED_NEGATIVE = 0.5;

export interface Sentiment {
  /** Sum of polarity (< 0 negative); 0 when no lexicon word was found. */
  score: number;
  /** Sum of the negative parts alone (≤ 0) and the positive parts alone (≥ 0). */
  neg: number;
  pos: number;
}

/** Polarity of a normalized text. */
export function sentiment(t: string): Sentiment {
  let score = 0, neg = 0, pos = 0;
  let negEnd = -100, negCount = 0;
  let degEnd = -100, deg = 1;
  let contrastPending = false;
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isBreak(c)) { negCount = 0; degEnd = -100; i++; continue; }
    // Longest match from i.
    let node = ROOT.next!.get(c);
    let best: Entry | undefined;
    let bestLen = 0;
    let j = i;
    while (node) {
      j++;
      if (node.entry) { best = node.entry; bestLen = j - i; }
      if (j >= n || !node.next) break;
      node = node.next.get(t.charCodeAt(j));
    }
    if (!best) { i++; continue; }
    const end = i + bestLen;
    let kind = best.kind;
    let w = best.w;
    if (kind === HAO) {
      // 好 right before a polarity word is a degree adverb ("好慢", "好新鲜"), else it is praise.
      const nx = end < n ? peek(t, end) : undefined;
      if (nx && nx.kind === SENT && nx.w !== 0) { kind = DEG; w = 1.6; } else { kind = SENT; w = 1; }
    }
    switch (kind) {
      case NEG:
        if (end - negEnd <= NEG_REACH + bestLen && negCount) negCount++; else negCount = 1;
        negEnd = end;
        break;
      case NEG_STOP:
        negCount = 0;
        break;
      case DEG:
        deg = w === w ? w : S.mild; degEnd = end;
        break;
      case CONTRAST:
        if (i > 0) { score *= S.beforeContrast; contrastPending = true; }
        if (ALSO_NEGATIVE.has(t.slice(i, end))) { score -= 1; neg -= 1; }
        negCount = 0;
        break;
      default: {
        if (w === 0) break;
        let v = w;
        if (i - degEnd <= DEG_REACH && degEnd >= 0) v *= deg;
        if (negCount && i - negEnd <= NEG_REACH && negCount % 2 === 1) v = v > 0 ? -v : -v * NEGATED_NEGATIVE;
        else if (deniedAfter(t, end)) v = v > 0 ? -v : -v * NEGATED_NEGATIVE;
        negCount = 0; degEnd = -100;
        score += v;
        if (v < 0) neg += v; else pos += v;
      }
    }
    i = end;
  }
  void contrastPending;
  return { score, neg, pos };
}

/** "坏的都没有", "异味也没有": a denial right after the word (的? 都|也 没). */
function deniedAfter(t: string, at: number): boolean {
  if (t.charCodeAt(at) === 0x7684) at++; // 的
  const c = t.charCodeAt(at);
  return (c === 0x90fd || c === 0x4e5f) && t.charCodeAt(at + 1) === 0x6ca1; // 都|也 + 没
}

function peek(t: string, at: number): Entry | undefined {
  let node = ROOT.next!.get(t.charCodeAt(at));
  let best: Entry | undefined;
  let j = at;
  while (node) {
    j++;
    if (node.entry) best = node.entry;
    if (j >= t.length || !node.next) break;
    node = node.next.get(t.charCodeAt(j));
  }
  return best;
}
