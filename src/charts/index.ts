// Server-side chart images (PNG) for the group: the /看板 dashboard and the /热力图 heat map.
export { renderDashboardPng, renderDashboardSvg, type DashboardFigure, type DashboardInput } from './dashboard.js';
export { renderHeatmapPng, renderHeatmapSvg, type HeatmapInput } from './heatmap.js';
