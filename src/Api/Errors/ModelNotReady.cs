using InstructGpt.Api.Jobs;

namespace InstructGpt.Api.Errors;

/// <summary>The answer for a model that does not exist yet because a queued or running job will publish it.</summary>
public static class ModelNotReady
{
    /// <summary>503 with Retry-After: the model does not exist yet, and which job will publish it, how far it is, and when.</summary>
    public static ApiError For(string model, PendingCheckpoints.Pending job)
    {
        var path = job.Kind == JobKind.Pipeline ? $"/v1/pipelines/{job.JobId}" : $"/v1/training/jobs/{job.JobId}";
        var state = job.Status == JobStatus.Running ? $"running, at stage {job.Stage}, {job.Percent}% of the job done" : "queued";
        var when = job.SecondsUntilReady is { } s ? $" It should be published in about {Describe(s)}." : "";
        var message = $"The model '{model}' is not available yet: job {job.JobId} ({state}) will publish it.{when} GET {path} shows the progress.";
        // Clients that honour Retry-After poll again within a minute, however long the training has left.
        var retry = TimeSpan.FromSeconds(Math.Clamp(job.SecondsUntilReady ?? ModelNotReadyRetrySeconds, 5, ModelNotReadyRetrySeconds));
        return new ApiError(StatusCodes.Status503ServiceUnavailable, new OpenAiError(message, OpenAiErrorTypes.Server, "model", "model_not_ready"), retry);
    }

    private const double ModelNotReadyRetrySeconds = 60;

    private static string Describe(double seconds) => seconds < 90 ? $"{Math.Ceiling(seconds)} s" : $"{Math.Ceiling(seconds / 60)} min";
}
