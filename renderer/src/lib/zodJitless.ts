// Imported first by main.ts, before anything that builds the API's schemas. zod probes for eval support
// (`new Function('')`) when it builds its first object schema; under the renderer's Content-Security-
// Policy the probe fails and is reported as a violation on every load. Jitless, zod never tries.
import { z } from 'zod';

z.config({ jitless: true });
