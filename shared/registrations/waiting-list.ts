import type { Actor } from '#shared/audit/audit.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { stateChangeNotification } from '#shared/registrations/messages.ts';
import { movedTo, waitsForPlace } from '#shared/registrations/schemas.ts';
import * as store from '#shared/registrations/store.ts';

const system: Actor = { id: 'system', role: 'system' };

/** Heads promoted in one transaction at most: each is three of the hundred items a transaction holds. */
const headsPerWrite = 10;

/**
 * The promotions that give a meeting's free places to the head of its waiting list, in arrival
 * order, as the meeting will be once `alongside` (moves written in the same transaction, such as
 * the withdrawal that frees the places) are written: the first waiting registrations while each
 * fits, never one behind a head that does not fit (it keeps its turn).
 */
export async function promotionsFor(meeting: Meeting, now: Date, alongside: store.Move[] = []): Promise<store.Move[]> {
  const places = await store.meetingPlaces(meeting.meetingId);
  const freed = alongside.reduce((sum, move) => sum - store.placesChangeOf(move.before, move.after).placesTaken, 0);
  let free = meeting.capacity === null ? Number.POSITIVE_INFINITY : meeting.capacity - places.placesTaken + freed;
  const promotions: store.Move[] = [];
  if (free <= 0) return promotions;
  const moving = new Set(alongside.map((move) => move.before.registrationId));
  for (const registrationId of await store.waitingListIds(meeting.meetingId, headsPerWrite + moving.size)) {
    if (moving.has(registrationId)) continue;
    const head = await store.findRegistration(registrationId);
    if (!head || !waitsForPlace(head)) continue; // the index had not caught up yet
    if (head.places > free || promotions.length === headsPerWrite) break;
    const after = movedTo(head, 'pending', 'Promoted from the waiting list', now);
    promotions.push({ before: head, after, releaseGuards: false, notification: await stateChangeNotification(after, meeting, now, true), actor: system, action: 'registration.promoted' });
    free -= head.places;
  }
  return promotions;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives free places to the waiting list until the head does not fit or nobody waits: after a change
 * that freed places outside a move (a larger capacity), for heads beyond one write's share, and as a
 * catch-up whenever someone joins the list. A clash with another promoter or a lagging index is read
 * again, never taken for "full", so nobody is left waiting beside a free place.
 */
export async function promoteFromWaitlist(meeting: Meeting, now: Date): Promise<number> {
  let promoted = 0;
  for (let round = 0; round < 30; round += 1) {
    const promotions = await promotionsFor(meeting, now);
    if (promotions.length === 0) {
      const places = await store.meetingPlaces(meeting.meetingId);
      const room = meeting.capacity === null || places.placesTaken < meeting.capacity;
      const lagging = room && places.waitlisted > 0 && (await firstHeadFits(meeting, places.placesTaken));
      if (!lagging) return promoted;
      await pause(100); // someone waits for a place the index does not show yet
      continue;
    }
    const outcome = await store.writeMoves(meeting.meetingId, promotions, meeting.capacity, now);
    if (outcome === 'moved') promoted += promotions.length;
    else await pause(Math.random() * 20 * (round + 1));
  }
  return promoted;
}

/** Whether the index shows no head at all, or a head that fits: either means there is work left. */
async function firstHeadFits(meeting: Meeting, placesTaken: number): Promise<boolean> {
  const [firstId] = await store.waitingListIds(meeting.meetingId, 1);
  if (!firstId) return true;
  const head = await store.findRegistration(firstId);
  return !head || !waitsForPlace(head) || meeting.capacity === null || head.places <= meeting.capacity - placesTaken;
}
