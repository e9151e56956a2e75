// A language as files write it ("sv", "sv-se", "en_GB", "SV-se") as the code Framelens stores ("sv",
// "sv-SE", "en-GB"): script and other subtags are dropped, and anything that is not a code is left out.
export function languageCode(value: string | undefined): string | undefined {
  const [primary, ...rest] = (value ?? '').trim().split(/[-_]/);
  if (!primary || !/^[a-z]{2,3}$/i.test(primary)) return undefined;
  const region = rest.find((subtag) => /^(?:[a-z]{2}|\d{3})$/i.test(subtag));
  return region ? `${primary.toLowerCase()}-${region.toUpperCase()}` : primary.toLowerCase();
}
