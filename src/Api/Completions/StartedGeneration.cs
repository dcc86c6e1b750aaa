using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Completions;

/// <summary>A generation queued on a model's scheduler, with the lease that keeps that model version alive until the response ends.</summary>
public sealed record StartedGeneration(ServedModel Model, GenerationStream Stream, SamplingOptions Options, int PromptCount, string Id, long Created);
