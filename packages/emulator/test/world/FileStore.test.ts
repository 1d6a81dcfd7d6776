import { describe, expect, it } from 'vitest';
import { FileStore } from '../../src/world/FileStore.js';
import { imageSize } from '../../src/world/imageSize.js';

describe('FileStore', () => {
  it('issues distinct file ids, a unique id per content, and a path per file', () => {
    const store = new FileStore();
    const a = store.put(Buffer.from('same'), { kind: 'document', fileName: 'a.txt' });
    const b = store.put(Buffer.from('same'), { kind: 'document' });
    expect(a.fileId).not.toBe(b.fileId);
    expect(a.fileUniqueId).toBe(b.fileUniqueId);
    expect(a.path).toMatch(/^documents\/file_1\.txt$/);
    expect(b.path).toMatch(/^documents\/file_2\.bin$/);
    expect(store.get(a.fileId)).toBe(a);
    expect(store.byPath(b.path)).toBe(b);
    expect(store.get('unknown')).toBeUndefined();
  });
});

describe('imageSize', () => {
  it('reads PNG, GIF and JPEG headers and gives up on anything else', () => {
    const gif = Buffer.from('GIF89a\x0a\x00\x14\x00', 'latin1');
    expect(imageSize(gif)).toEqual({ width: 10, height: 20 });
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x30,
      0x00, 0x40, 0x03, 0, 0, 0,
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 64, height: 48 });
    expect(imageSize(Buffer.from('plain text'))).toBeUndefined();
  });
});
