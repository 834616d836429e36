/** Hard limits applied to every scenario read from outside (file, link, storage, CLI). */
export const LIMITS = {
  /** Points per cloud. Exact OT on 20k×20k would not fit in memory anyway. */
  maxPointsPerCloud: 20_000,
  /** Absolute coordinate bound, plane units; keeps squared costs far from overflow. */
  maxAbsCoordinate: 1e12,
  /** Scenario name length, characters. */
  maxNameLength: 200,
  /** Largest label value. */
  maxLabel: 1_000_000,
  /** Decoded JSON text, characters (files and links). */
  maxJsonChars: 8_000_000,
} as const;
