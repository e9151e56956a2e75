// Mounts the reader on synthetic data with an in-memory API, for the benchmark and for screenshots.
// ?chars=N&annotations=N set the size; ?open=1 opens the article at once; ?mentions=0|1 entity mentions.
import { mount } from 'svelte';
import Harness from './Harness.svelte';

const target = document.getElementById('app');
if (target) mount(Harness, { target });
