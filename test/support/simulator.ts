// The simulator launcher serves the tests, the benchmark and the demo alike; it lives with the scripts.
export * from "../../scripts/lib/simulator-process";
