// The API for parts of the interface that the app shell does not hand one to (the article list's
// filter, selection and Variables manager). It connects the same way the shell does: the desktop
// preload, or the web host with the token this tab keeps for its session.
import type { Api } from '../../../main/api/contract.ts';
import { connect } from './api.ts';

let shared: Api | null | undefined;

/** The API, or null where this tab has no way to reach Framelens (no token kept). */
export function sharedApi(): Api | null {
  if (shared === undefined) {
    const connection = connect();
    shared = connection.kind === 'missing-token' ? null : connection.api;
  }
  return shared;
}
