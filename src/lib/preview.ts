/**
 * True in the authors' preview (`npm run dev`), never in a build. The preview renders members-only
 * parts whole, each framed and labelled as such, and shows drafts, because an author must see what
 * they wrote; none of it can reach dist/. The flag is a constant that astro.config.mjs defines from
 * the command (`astro dev` or not) when the code is compiled, so no environment variable can switch
 * it on in a build (Astro maps process.env into import.meta.env, so import.meta.env.DEV could be);
 * the leak guard checks the public files anyway. Anything not compiled by Astro (unit tests) sees false.
 */
declare const __XUETANG_AUTHORS_PREVIEW__: boolean | undefined;

export const authorsPreview: boolean = typeof __XUETANG_AUTHORS_PREVIEW__ !== 'undefined' && __XUETANG_AUTHORS_PREVIEW__ === true;
