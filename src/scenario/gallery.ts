/**
 * The gallery: built-in scenarios, each showing one idea, with a title and a paragraph a teacher
 * can read aloud. Each method lists its own entries in its descriptor; this gathers them in the
 * switcher's order. Entries are built in code from the seeded dataset generators (the same points
 * every time, in every browser), not stored as point lists.
 */
import { METHODS } from '../methods/index.ts';
import type { GalleryEntry } from './galleryKit.ts';

export type { GalleryEntry };
export { rotated } from './galleryKit.ts';

/** The gallery, in the order the dialog lists it. */
export const GALLERY: readonly GalleryEntry[] = METHODS.flatMap((m) => m.gallery);

/** Looks an entry up by id. */
export function findGalleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((e) => e.id === id);
}
