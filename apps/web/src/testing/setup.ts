// Component tests render into jsdom; nothing global to set up beyond cleaning the DOM between tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
