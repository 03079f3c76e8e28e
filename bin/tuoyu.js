#!/usr/bin/env node
import { main } from '../dist/tuoyu.js';

process.exitCode = await main(process.argv.slice(2));
