/** The components authors may use in any MDX file without an import (their names: names.ts). */
import Callout from './Callout.astro';
import CodeGroup from './CodeGroup.astro';
import Figure from './Figure.astro';
import MembersOnly from './MembersOnly.astro';
import Steps from './Steps.astro';
import Video from './Video.astro';
import type { MdxComponentName } from './names.ts';

export const mdxComponents = { Callout, CodeGroup, Figure, MembersOnly, Steps, Video } satisfies Record<MdxComponentName, unknown>;
