// Entity types as the analyst reads them, with one colour each, shared by the entity list and the charts.
import type { EntityType } from '../../../../main/api/contract.ts';

export const entityTypes: readonly EntityType[] = ['PER', 'LOC', 'ORG', 'MISC'];

export const typeLabels: Record<EntityType, string> = {
  PER: 'Person',
  LOC: 'Place',
  ORG: 'Organisation',
  MISC: 'Other',
};

export const typePlurals: Record<EntityType, string> = {
  PER: 'People',
  LOC: 'Places',
  ORG: 'Organisations',
  MISC: 'Other',
};

/** Distinct at a glance and readable as bar fills on white; blue stays the app's accent for people. */
export const typeColors: Record<EntityType, string> = {
  PER: '#2b59c3',
  LOC: '#2f9e44',
  ORG: '#e8590c',
  MISC: '#7950b2',
};
