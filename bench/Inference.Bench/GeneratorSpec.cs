namespace InstructGpt.Inference.Bench;

internal sealed record GeneratorSpec(string Preset, int Batch, int NewTokens, int Repeats);
