/**
 * In embed mode (an iframe showing only the stage and the playback bar), a small link that opens
 * the same scenario in the full playground in a new tab.
 */
import { useLinkOptions } from './classroom.ts';
import { currentFragment, linkUrl } from './urlSync.ts';

export function EmbedLink() {
  const { embed, classroom, hide } = useLinkOptions();
  if (!embed) return null;
  return (
    <a
      className="embed-link"
      target="_blank"
      rel="noopener"
      // Computed when followed, so it carries the scenario as it is now.
      href={linkUrl('')}
      onClick={(e) => {
        const fragment = currentFragment({ embed: false, classroom, hide });
        if (fragment !== null) e.currentTarget.href = linkUrl(fragment);
      }}
    >
      Open in OT Playground ↗
    </a>
  );
}
