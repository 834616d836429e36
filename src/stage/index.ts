/**
 * The stage's public API for other parts of the app (method panels, charts, tests). Components:
 * import `Stage` and `ToolPalette` from their own modules.
 */
export { registerOverlay, requestRedraw, type Overlay, type OverlayDraw } from './overlays.ts';
export type { StageView, Bounds } from './view.ts';
export { CLOUD_COLORS, FALLBACK_THEMES, cloudColor, readTheme, type StageTheme } from './palette.ts';
export { getStageView } from './stageController.ts';
