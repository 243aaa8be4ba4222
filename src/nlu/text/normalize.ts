// Text normalization: everything downstream (numbers, units, catalog match, classifier)
// sees one canonical form, so each of them handles one spelling only.

// Zero-width / invisible / bidi / BOM / soft hyphen / variation selectors.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDC00-\uDDEF]/g;
// Emoji and pictographs (incl. skin tones, keycaps, regional flags).
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u20E3]/gu;
// WeChat's bracketed emoji codes, e.g. [微笑] [Thumbs Up]; only short ones so "[备注]" style is rare to hit.
const WECHAT_EMOJI = /\[(?:微笑|撇嘴|色|发呆|得意|流泪|害羞|闭嘴|睡|大哭|尴尬|发怒|调皮|呲牙|惊讶|难过|酷|冷汗|抓狂|吐|偷笑|愉快|白眼|傲慢|饥饿|困|惊恐|流汗|憨笑|悠闲|奋斗|咒骂|疑问|嘘|晕|衰|骷髅|敲打|再见|擦汗|抠鼻|鼓掌|坏笑|左哼哼|右哼哼|哈欠|鄙视|委屈|快哭了|阴险|亲亲|可怜|菜刀|西瓜|啤酒|咖啡|猪头|玫瑰|凋谢|嘴唇|爱心|心碎|蛋糕|炸弹|便便|月亮|太阳|拥抱|强|弱|握手|胜利|抱拳|勾引|拳头|OK|跳跳|发抖|怄火|转圈|嘿哈|捂脸|奸笑|机智|皱眉|耶|吃瓜|加油|汗|天啊|Emm|社会社会|旺柴|好的|打脸|哇|翻白眼|666|让我看看|叹气|苦涩|裂开|合十|红包|發|福|烟花|爆竹|庆祝|礼物|[A-Za-z][A-Za-z ]{0,12})\]/g;
// Runs of the same punctuation ("！！！" → "!", "。。。" → "。", "~~~~" → "~").
const REPEATED_PUNCT = /([!?.,;:~。，、！？…·\-—=_*#])\1+/g;
const SPACES = /[ \t\u00A0\u3000]+/g;

/** Canonical text: NFKC (full-width → half-width), no invisibles/emoji, collapsed punctuation, lower-case. */
export function normalize(text: string): string {
  if (!text) return '';
  let s = text.normalize('NFKC');
  s = s.replace(INVISIBLE, '').replace(WECHAT_EMOJI, ' ').replace(EMOJI, ' ');
  s = s.replace(/…+/g, '…').replace(REPEATED_PUNCT, '$1');
  s = s.replace(/\r\n?/g, '\n').replace(SPACES, ' ').replace(/ *\n */g, '\n');
  return s.trim().toLowerCase();
}
