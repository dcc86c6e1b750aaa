namespace InstructGpt.Inference.Bench;

internal sealed record DecodeResult(double PrefillSeconds, double DecodeSeconds, double DecodeCpuSeconds, long[] Tokens);
