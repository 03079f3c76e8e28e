import { describe, expect, it } from 'vitest';
import { PartMessages } from '../../src/threads/visit-readers.js';
import type { VisitPartMessage } from '../../src/threads/visit-part.js';

const done = (rows: number): VisitPartMessage => ({ type: 'done', rows, end: 'clean', ascii: true });

describe('PartMessages', () => {
  it('hands the messages over in order, whether they came before or after they were asked for', async () => {
    const messages = new PartMessages();
    messages.push(done(1));
    const first = await messages.next();
    const second = messages.next();
    messages.push(done(2));
    expect([first, await second]).toEqual([done(1), done(2)]);
  });

  it('a part that will not be used holds nothing: what it had goes, what its reader still sends is dropped', async () => {
    const messages = new PartMessages();
    messages.push(done(1));
    messages.discard();
    messages.push(done(2));
    const next = messages.next();
    const settled = await Promise.race([next.then(() => 'a message'), new Promise((resolve) => setTimeout(() => resolve('nothing'), 20))]);
    expect(settled).toBe('nothing');
  });
});
