import type { InlineQueryResult } from '@delegram/api';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The dates to suggest for a query: the next seven days after `now` (UTC), keeping those whose
 * weekday starts with the query (`fri` → Friday; an empty query keeps all). Each result's id is
 * the ISO date, and its message carries Yes/No buttons for the vote.
 *
 * @param query - what the user typed after the bot's name
 * @param now - the current time in ms
 * @returns the inline results
 */
export function suggestDates(query: string, now: number): InlineQueryResult[] {
  const wanted = query.trim().toLowerCase();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const results: InlineQueryResult[] = [];
  for (let i = 1; i <= 7; i += 1) {
    const day = new Date(today + i * DAY_MS);
    const weekday = WEEKDAYS[day.getUTCDay()] ?? '';
    if (!weekday.toLowerCase().startsWith(wanted)) continue;
    const date = day.toISOString().slice(0, 10);
    results.push({
      type: 'article',
      id: date,
      title: `${weekday} ${date}`,
      input_message_content: { message_text: `Shall we meet on ${weekday} ${date}?` },
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Yes', callback_data: 'yes' },
            { text: 'No', callback_data: 'no' },
          ],
        ],
      },
    });
  }
  return results;
}
