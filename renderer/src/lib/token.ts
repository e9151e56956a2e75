// The web host prints its address with a per-launch token in the fragment (#token=…). The tab keeps
// it in sessionStorage so a reload still works, and takes it out of the address bar so it is not
// copied or bookmarked with the URL.
const storageKey = 'framelens.token';

export function takeToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(storageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token still works until the tab reloads.
    }
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
