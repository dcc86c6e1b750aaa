using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using InstructGpt.Inference.Checkpoints;

namespace InstructGpt.Inference.Serving;

/// <summary>A servable checkpoint: a directory under the catalog's root with config.json and model.safetensors.</summary>
public sealed record CheckpointEntry(string Name, string Directory, Checkpoint Checkpoint, DateTimeOffset Modified);
