import type { BroadcastProgress } from 'delegram';

/**
 * A broadcast's progress as one line of text: `[######----] 60% 600/1000, 3 blocked`.
 *
 * @param progress - the broadcast's progress
 * @param total - how many chats it sends to
 * @param width - the bar's width in characters (default 20)
 * @returns the line
 */
export function progressBar(progress: BroadcastProgress, total: number, width = 20): string {
  const ratio = total === 0 ? 1 : Math.min(1, progress.done / total);
  const filled = Math.round(ratio * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  const extra = [
    progress.blocked > 0 ? `${progress.blocked} blocked` : '',
    progress.notFound > 0 ? `${progress.notFound} gone` : '',
    progress.failed > 0 ? `${progress.failed} failed` : '',
    progress.uncertain > 0 ? `${progress.uncertain} uncertain` : '',
  ].filter((s) => s !== '');
  const tail = extra.length > 0 ? `, ${extra.join(', ')}` : '';
  return `[${bar}] ${Math.round(ratio * 100)}% ${progress.done}/${total}${tail}`;
}
