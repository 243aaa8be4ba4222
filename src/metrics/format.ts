// How a figure and its target read, in the table, the console and the /看板 image.
import { yuan } from '../money.js';
import type { MetricDefinition } from './definitions.js';

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A figure as the table shows it. */
export function formatValue(def: MetricDefinition, v: number | null): string {
  if (v === null) return '—';
  switch (def.unit) {
    case 'ratio': return def.key === 'aov_change' && v > 0 ? `+${percent(v)}` : percent(v);
    case 'score': return String(v);
    case 'fen': return yuan(v);
    case 'orders': return `${v} 单`;
    case 'members': return `${v} 人`;
    case 'days': return `${v} 天`;
    case 'hours': return `${v} 小时`;
  }
}

export function targetText(def: MetricDefinition): string {
  if (def.target === null) return '';
  return `${def.better === 'higher' ? '≥' : '≤'} ${formatValue(def, def.target)}`;
}

