export { platformDirectory, type PlatformDirectory, type PlatformDirectoryOptions } from './platform-directory.ts';
