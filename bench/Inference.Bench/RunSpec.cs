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

internal enum DecodeMode { Kv, Recompute }

internal sealed record RunSpec(string Preset, int Batch, DecodeMode Mode, int NewTokens, int Repeats);
