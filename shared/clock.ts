/** The one clock: every use case takes `now` from here (or from a test), so deadlines are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (at: string | Date): Clock => {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
};
