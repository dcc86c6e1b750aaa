namespace InstructGpt.Api.Jobs;

/// <summary>What a job runs. Stored lower-case in <c>jobs_jobs.kind</c>.</summary>
public enum JobKind
{
    /// <summary>One training stage (POST /v1/training/jobs).</summary>
    Training,
    /// <summary>The whole recipe, or a part of it (POST /v1/pipelines).</summary>
    Pipeline,
    /// <summary>An evaluation run over checkpoints (POST /v1/evaluations); run by an <see cref="IJobRunner"/>.</summary>
    Evaluation,
    /// <summary>Sampling a labeling batch's outputs for people to rate and rank (POST /v1/labeling/batches).</summary>
    Labeling,
}
