// Must stay the first import: the zod setting has to be in place before the API contract is evaluated
// (ES modules run in import order, and imports run before this file's own code).
import './lib/zodJitless.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
