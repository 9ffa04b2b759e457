import { runService } from '@clinic/service-kit';
import { build } from './app.ts';
import { configSchema } from './config.ts';

await runService({ name: 'doctor-service', configSchema, build });
