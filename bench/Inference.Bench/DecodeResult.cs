using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Bench;

internal sealed record DecodeResult(double PrefillSeconds, double DecodeSeconds, double DecodeCpuSeconds, long[] Tokens);
