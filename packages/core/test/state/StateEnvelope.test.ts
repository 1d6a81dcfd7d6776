import { StateFormatError } from 'delegram';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from '../../src/state/StateEnvelope.js';

describe('StateEnvelope', () => {
  it('writes the documented JSON form and reads it back', () => {
    const text = encodeEnvelope(
      {
        schema: 2,
        savedAt: 1_733_990_400_000,
        lastUpdateId: 8123,
        events: ['e1'],
        effects: { updateId: 8124, done: ['reply'] },
      },
      '{"count":3}',
    );
    expect(JSON.parse(text)).toEqual({
      delegram: 1,
      schema: 2,
      at: 1_733_990_400_000,
      u: 8123,
      e: ['e1'],
      fx: { u: 8124, done: ['reply'] },
      data: { count: 3 },
    });
    expect(decodeEnvelope('k', text)).toEqual({
      schema: 2,
      savedAt: 1_733_990_400_000,
      lastUpdateId: 8123,
      events: ['e1'],
      effects: { updateId: 8124, done: ['reply'] },
      data: { count: 3 },
    });
  });

  it('leaves out what is not there', () => {
    const text = encodeEnvelope(
      {
        schema: 1,
        savedAt: 5,
        lastUpdateId: undefined,
        events: [],
        effects: undefined,
      },
      'null',
    );
    expect(text).toBe('{"delegram":1,"schema":1,"at":5,"data":null}');
  });

  it.each([
    ['not json', 'it is not JSON'],
    ['[1,2]', 'not a delegram state envelope'],
    ['{"count":3}', 'not a delegram state envelope'],
    ['{"delegram":2,"schema":1,"at":1,"data":1}', 'envelope format is 2'],
    ['{"delegram":1,"schema":0,"at":1,"data":1}', 'schema is not a positive integer'],
    ['{"delegram":1,"schema":1,"at":"x","data":1}', 'time "at"'],
    ['{"delegram":1,"schema":1,"at":1,"u":1.5,"data":1}', 'update id "u"'],
    ['{"delegram":1,"schema":1,"at":1,"e":[1],"data":1}', 'event list'],
    ['{"delegram":1,"schema":1,"at":1,"fx":{"u":1},"data":1}', 'effects'],
    ['{"delegram":1,"schema":1,"at":1}', 'no data'],
  ])('refuses %s with a StateFormatError naming the key', (text, reason) => {
    let caught: unknown;
    try {
      decodeEnvelope('state:Todo:42', text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StateFormatError);
    expect((caught as StateFormatError).key).toBe('state:Todo:42');
    expect((caught as StateFormatError).reason).toContain(reason);
  });
});
