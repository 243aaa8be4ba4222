// Colours of the chart images, in one place so the dashboard and the heat map look like one family.
export const COLORS = {
  page: '#f4f6f8',
  card: '#ffffff',
  cardBorder: '#e3e7ec',
  header: '#07a35a',
  headerText: '#ffffff',
  headerSub: '#d9f5e6',
  text: '#1f2933',
  muted: '#6b7785',
  faint: '#9aa5b1',
  good: '#15a34a',
  bad: '#dc2626',
  flat: '#8a94a0',
  missedCard: '#fdecec',
  missedBorder: '#f3b4b4',
  orders: '#3b82f6',
  gmv: '#f59e0b',
  // Heat map scale, light to dark (ColorBrewer OrRd).
  heat: ['#fff7ec', '#fdd49e', '#fc8d59', '#d7301f', '#990000'],
} as const;
