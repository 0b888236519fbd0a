/**
 * True in the authors' preview (`npm run dev`), never in a build. The preview renders members-only
 * parts whole, each framed and labelled as such, because an author must see what they wrote; none
 * of it can reach dist/, since building replaces `import.meta.env.DEV` with false (and the leak guard
 * checks the public files anyway).
 */
export const authorsPreview: boolean = import.meta.env.DEV;
