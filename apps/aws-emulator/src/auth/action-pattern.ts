/** IAM action matching: case-insensitive, `*` matches any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

export function isActionAllowed(permissions: readonly string[], action: string): boolean {
  return permissions.some((pattern) => actionMatches(pattern, action));
}
