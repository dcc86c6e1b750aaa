namespace InstructGpt.Api.Jobs;

/// <summary>Progress in two named scopes, so that a stage's step and ETA are never read as the pipeline's.</summary>
/// <param name="Job">The whole job: for a pipeline, all its stages, each weighted by its measured share of the time (PipelineTimeline).</param>
/// <param name="Stage">The current (or last) stage; null before the first starts.</param>
public sealed record JobProgress(JobScopeProgress Job, StageScopeProgress? Stage);
