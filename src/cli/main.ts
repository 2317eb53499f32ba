// Placeholder entry point; replaced by the CLI dispatcher.
process.stderr.write('msgtrack: not built yet\n');
process.exit(2);
