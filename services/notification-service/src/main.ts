import { runService } from '@clinic/service-kit';
import { build } from './app.ts';
import { configSchema } from './config.ts';

await runService({ name: 'notification-service', configSchema, build });
