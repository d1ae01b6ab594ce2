#!/usr/bin/env node
import { main } from './cli/main.ts';

// Exit explicitly: a failed start may leave database or engine handles that would keep Node alive.
process.exit(await main(process.argv.slice(2)));
