// framelens crosstab: group × tag article counts with their tests (shares the compare command's code).
export { crosstabHelp as help, runCrosstab as run } from './compare.ts';
