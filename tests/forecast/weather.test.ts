// The weather provider: file forecasts (CSV or JSON), the shipped default, and the climate fallback.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEATHER_PATH, fileWeatherProvider, weatherWithClimate } from '../../src/forecast/weather.js';
import { dayNumber } from '../../src/forecast/days.js';
import { tempDir, writeFile } from './files.js';

describe('weather provider', () => {
  it('reads a CSV or a JSON forecast file', () => {
    const dir = tempDir();
    const csv = fileWeatherProvider(writeFile(dir, 'w.csv', 'date,rain_mm,temp_max_c\n2026-12-04,3.5,9\n2026-12-05,0,12.5\n'));
    expect(csv.forecast('2026-12-04')).toEqual({ temp_max_c: 9, rain_mm: 3.5 });
    expect(csv.forecast('2026-12-06')).toBeNull();
    const json = fileWeatherProvider(writeFile(dir, 'w.json', JSON.stringify([{ date: '2026-12-05', temp_max_c: 12.5, rain_mm: 0 }])));
    expect(json.forecast('2026-12-05')).toEqual({ temp_max_c: 12.5, rain_mm: 0 });
  });

  it('names the line of a bad forecast', () => {
    const dir = tempDir();
    expect(() => fileWeatherProvider(writeFile(dir, 'w.csv', 'date,temp_max_c,rain_mm\n2026-12-04,9,0\n2026-12-05,9,-1\n'))).toThrow(/w\.csv 第 3 行：rain_mm 不能是负数/);
    expect(() => fileWeatherProvider(writeFile(dir, 'w.json', '[{"date":"2026-12-40","temp_max_c":1,"rain_mm":0}]'))).toThrow(/w\.json 第 1 项/);
  });

  it('ships a default file with no forecasts, so the climate fallback answers offline', () => {
    const provider = fileWeatherProvider(DEFAULT_WEATHER_PATH);
    expect(provider.forecast('2026-12-04')).toBeNull();
    // History: 8 °C and 2 mm around early December, 30 °C in July.
    const history = [
      ...['2025-11-30', '2025-12-03', '2025-12-09'].map((d) => ({ day: dayNumber(d)!, tempMaxC: 8, rainMm: 2 })),
      { day: dayNumber('2025-12-20')!, tempMaxC: 3, rainMm: 0 },
      { day: dayNumber('2026-07-04')!, tempMaxC: 30, rainMm: 10 },
    ];
    const weather = weatherWithClimate(provider, history);
    expect(weather(dayNumber('2026-12-04')!)).toEqual({ tempMaxC: 8, rainMm: 2 });
    expect(weather(dayNumber('2027-07-01')!)).toEqual({ tempMaxC: 30, rainMm: 10 });
  });
});
