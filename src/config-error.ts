/** A value of the environment the process cannot start with: one line naming the variable and the fix (config.ts). */
export class ConfigError extends Error {}
