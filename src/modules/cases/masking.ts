/** What a role without need-to-know sees of a person: enough to tell records apart, no more. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  return id.length <= 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length <= 7 ? '*'.repeat(phone.length) : phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

export function maskIdentifier(kind: string, value: string): string {
  if (kind === 'phone') return maskPhone(value)!;
  if (kind === 'id_number' || kind === 'bank_account') return maskIdNumber(value)!;
  return value;
}
