// Placeholder until the embedded engine lands (issue 3): starts nothing.
export default function setup(): void {}
