// Binds the methods of coding as a team (team-methods.ts) to their services.
import type { Handlers } from '../api/contract.ts';
import type { teamMethods } from '../api/team-methods.ts';
import type { Services } from './handlers.ts';
import { agreementReport } from './reliability/report.ts';
import { adjudicator, listDisagreements } from './reliability/disagreements.ts';
import { sampleService } from './reliability/sample.ts';
import { mergeUpload } from './merge/upload.ts';

type TeamHandlers = Pick<Handlers, keyof typeof teamMethods>;

export function teamHandlers(services: Services): TeamHandlers {
  const { db, coders, articleCodes, settings, articles, tags, variables, annotations } = services;
  const coderFor = (given?: string) => settings.annotatorFor(given);
  const adjudicate = adjudicator(db, { coders, annotations });
  const samples = sampleService(db, variables);
  return {
    'coders.list': () => ({ coders: coders.list() }),
    'coders.create': (input) => coders.create(input),
    'coders.update': (input) => coders.update(input),
    'coders.progress': ({ articleIds }) => ({ articles: coders.progress(articleIds) }),

    'articleCodes.list': ({ articleId }) => ({ codes: articleCodes.list(articleId) }),
    'articleCodes.add': (input) => articleCodes.add(input),
    'articleCodes.remove': ({ id }) => articleCodes.remove(id),
    'articles.setDone': ({ articleId, annotator, done }) => {
      articles.summary(articleId);
      return coders.setDone(articleId, coderFor(annotator), done);
    },

    'reliability.agreement': (input) => agreementReport(db, { tags, variables, coders }, input),
    'reliability.disagreements': (input) => listDisagreements(db, { tags, variables, coders }, input),
    'reliability.adjudicate': (input) => adjudicate(input),
    'reliability.sample': (input) => samples.mark(input),
    'project.merge': (input) => mergeUpload(db, services, input),
  };
}
