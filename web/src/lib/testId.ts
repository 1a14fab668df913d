/** `data-testid` for antd props typed without data-* attributes (okButtonProps, menu items…). */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
