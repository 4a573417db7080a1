export async function setupTestEnvironment(): Promise<void> {}
export async function teardownTestEnvironment(): Promise<void> {}
