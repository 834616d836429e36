/** Inline SVG icons of the tool palette: stroke icons on a 24-unit grid, coloured by currentColor. */
import { Svg } from '../app/icons.tsx';

/** A spray of dots around a nozzle. */
export const BrushIcon = () => (
  <Svg>
    <rect x="4" y="11" width="7" height="10" rx="1.5" />
    <path d="M6 11V8h3v3" />
    <circle cx="15" cy="6" r="0.9" fill="currentColor" />
    <circle cx="19" cy="4" r="0.9" fill="currentColor" />
    <circle cx="18.5" cy="9" r="0.9" fill="currentColor" />
    <circle cx="21" cy="12.5" r="0.9" fill="currentColor" />
    <circle cx="15.5" cy="12" r="0.9" fill="currentColor" />
  </Svg>
);

/** A dot with a plus. */
export const PointIcon = () => (
  <Svg>
    <circle cx="10" cy="14" r="3.5" fill="currentColor" stroke="none" />
    <path d="M18 3v6M15 6h6" />
  </Svg>
);

/** Four arrows. */
export const MoveIcon = () => (
  <Svg>
    <path d="M12 3v18M3 12h18" />
    <path d="m9 6 3-3 3 3M9 18l3 3 3-3M6 9l-3 3 3 3M18 9l3 3-3 3" />
  </Svg>
);

export const EraserIcon = () => (
  <Svg>
    <path d="m7 21-4.3-4.3a1 1 0 0 1 0-1.4l10-10a1 1 0 0 1 1.4 0l5.6 5.6a1 1 0 0 1 0 1.4L11 21" />
    <path d="M22 21H7" />
    <path d="m5 11 9 9" />
  </Svg>
);

/** A dashed marquee. */
export const SelectIcon = () => (
  <Svg>
    <path d="M4 7V4h3M10 4h4M17 4h3v3M20 10v4M20 17v3h-3M14 20h-4M7 20H4v-3M4 14v-4" />
  </Svg>
);

/** An open hand. */
export const HandIcon = () => (
  <Svg>
    <path d="M18 11V6a2 2 0 0 0-4 0v5" />
    <path d="M14 10V4a2 2 0 0 0-4 0v6" />
    <path d="M10 10.5V6a2 2 0 0 0-4 0v8" />
    <path d="M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.9-6-2.4l-3.6-3.6a2 2 0 0 1 2.8-2.8L7 15" />
  </Svg>
);

export const GridIcon = () => (
  <Svg>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <path d="M3 9h18M3 15h18M9 3v18M15 3v18" />
  </Svg>
);

/** Corners of a frame around a dot: fit the view. */
export const FitIcon = () => (
  <Svg>
    <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
    <circle cx="12" cy="12" r="2" />
  </Svg>
);
