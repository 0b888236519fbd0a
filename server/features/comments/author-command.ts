/**
 * `npm run admin -- author:link --author ID --email E`: links an author id of content/authors/ to an
 * account, so that member answers, pins and features as the author of the entries naming that id
 * (the YAML's `account` email does the same without the CLI; this link wins).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type Command } from '../../cli/command.ts';
import { getUserByEmail } from '../accounts/users.ts';
import { linkAuthor } from './authors.ts';

export const authorLinkCommand: Command = {
  summary: 'link an author id of content/authors/ to an account (their questions, pins, 精华)',
  usage: 'author:link --author ID --email E',
  options: { author: { type: 'string' }, email: { type: 'string' } },
  async run(db, values, out) {
    const author = typeof values.author === 'string' ? values.author : '';
    const email = typeof values.email === 'string' ? values.email : '';
    const dir = join(process.env.XUETANG_CONTENT_DIR ?? 'content', 'authors');
    const known = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)) : [];
    if (!author || !known.includes(author)) throw new UsageError(`--author must be an author id of ${dir}/ (${known.join(', ') || 'there are none'}).`);
    if (!email) throw new UsageError('--email is required: the email of the account to link.');
    const found = await getUserByEmail(db, email);
    if (!found) throw new UsageError(`No member has the email ${email}.`);
    await linkAuthor(db, author, found.user.id);
    out(`Linked author ${author} to ${found.user.email} (id ${found.user.id}); gateways pick it up within 30 seconds.`);
  },
};
