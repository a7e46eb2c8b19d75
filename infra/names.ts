/** A construct id from a route's operationId or a job's name: createMeeting → CreateMeeting, outbox-dispatch → OutboxDispatch. */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
