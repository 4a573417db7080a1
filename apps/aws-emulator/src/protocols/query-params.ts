/** Query protocol input: every form field as a string, e.g. `{ Action: 'AssumeRole', RoleArn: '…' }`. */
export type QueryParams = Record<string, string>;

/** Merges the URL query and the form-encoded body; AWS accepts Query parameters in either. */
export function parseQueryParams(body: Buffer, query: URLSearchParams): QueryParams {
  const params: QueryParams = Object.fromEntries(query);
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params[name] = value;
  return params;
}
