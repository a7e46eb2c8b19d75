/** Placeholder: being built. */
export function MemberPage(_props: { params?: { memberId: string } }) {
  return <h1>MemberPage</h1>;
}
