/**
 * Serialises a result object into AWS Query-protocol XML: nested objects become nested elements,
 * arrays become `<member>` lists and dates ISO 8601 timestamps to the second, as STS writes them.
 */
export function toXmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return element(name, value.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => toXmlElement('member', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([child, childValue]) => toXmlElement(child, childValue));
    return `<${name}>${children.join('')}</${name}>`;
  }
  return element(name, String(value));
}

function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
