// The CJK font every chart is drawn with: Noto Sans SC from an npm package, so a fresh `npm install` renders Chinese
// the same as this machine (system fonts are never consulted).
import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

export const FONT_FAMILY = 'Noto Sans SC';

let cached: ResvgRenderOptions['font'] | undefined;

/**
 * resvg font options, resolved once. resvg-js 2.6 takes font files by path only (no buffer API), so the cache holds the
 * resolved paths and the options object; the files themselves stay in the OS page cache between renders.
 */
export function chartFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      fontFiles: [
        require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
        require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
      ],
      loadSystemFonts: false,
      // ECharts writes "sans-serif" for text without its own family (graphic elements): map it to the same font.
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    };
  }
  return cached;
}
