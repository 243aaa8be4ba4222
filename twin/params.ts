// The community model's parameters: data/twin/defaults.json, every value with the place it comes from.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../src/config.js';

export interface Profile {
  share: number;
  /** Hours of the day (Beijing) this kind of resident is usually on the phone. */
  hours: number[];
  /** Category → preference weight (categories of the catalog). */
  categories: Record<string, number>;
  /** Multiplier of the repeat interval (< 1: buys more often). */
  rhythm: number;
  chatter: number;
  invite: number;
}

export interface TwinParams {
  coldStartDays: number; inviteShare: number; converterShare: number; firstOrderWithinDays: number;
  repeatIntervalDays: number; repeatIntervalSpread: number; churnPerDay: number; churnPerBadExperience: number;
  chatterPerDay: number; inquiryPerDay: number; typoRate: number; emojiRate: number; retryAfterMisread: number;
  qualityFailRate: number; complainWhenFailed: number; lateComplaintHour: number; campaignLift: number; reminderLift: number;
  priceSensitivityMean: number; npsResponse: number; npsBase: number; npsPerBadExperience: number;
  profiles: Record<string, Profile>; buildings: number;
}

export interface Calibration { firstOrderConversion: { value: number; tolerance: number }; repurchase90: { value: number; tolerance: number } }

interface Sourced { value: unknown; source: string }

export const DEFAULTS_FILE = path.join(DATA_DIR, 'twin', 'defaults.json');

export function loadTwinDefaults(file = DEFAULTS_FILE): { params: TwinParams; calibration: Calibration } {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { params: Record<string, Sourced>; calibration: Record<string, Sourced & { tolerance?: number }> };
  const params: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(raw.params)) {
    if (typeof p.source !== 'string' || p.source.trim() === '') throw new Error(`孪生参数 ${k} 没有写来源（source）`);
    params[k] = p.value;
  }
  const cal = raw.calibration;
  return {
    params: params as unknown as TwinParams,
    calibration: {
      firstOrderConversion: { value: cal.firstOrderConversion!.value as number, tolerance: cal.firstOrderConversion!.tolerance! },
      repurchase90: { value: cal.repurchase90!.value as number, tolerance: cal.repurchase90!.tolerance! },
    },
  };
}
