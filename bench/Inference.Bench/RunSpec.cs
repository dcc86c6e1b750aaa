namespace InstructGpt.Inference.Bench;

internal enum DecodeMode { Kv, Recompute }

internal sealed record RunSpec(string Preset, int Batch, DecodeMode Mode, int NewTokens, int Repeats);
