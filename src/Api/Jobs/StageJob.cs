using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;
using InstructGpt.Training.Data;
using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Training's <see cref="StageRunner.Prepare"/> for a training job, with its errors as the 400 a client reads: the
/// stage's inputs are read and checked before the job is queued (and again only when they may have changed since, see
/// <see cref="PreparedStagePlans"/>).
/// </summary>
public static partial class StageJob
{
    /// <summary>
    /// StageRunner's messages start with the field they are about ("datasets.train: ...", "init_from: ..."); a setting's
    /// ("comparisons.OtherPolicies.base: ...") is the request's hyperparameter of that name.
    /// </summary>
    [GeneratedRegex(@"^(?<field>stage|output|init_from|reward_model|datasets\.[A-Za-z0-9._-]+|(?<stage>[a-z-]+)\.(?<setting>[A-Za-z]+)(\.[^:\s]+)?):\s")]
    private static partial Regex FieldPrefix();

    /// <summary>Reads and validates the stage's inputs; a 400 naming the field (a dataset's role with its bad line) otherwise.</summary>
    public static StagePlan Prepare(StageRunOptions options)
    {
        try
        {
            return StageRunner.Prepare(options);
        }
        catch (DatasetFormatException e)
        {
            var role = options.Datasets.FirstOrDefault(d => d.Value == e.Path).Key
                ?? StageDatasets.DefaultsOf(options.Stage).FirstOrDefault(d => d.Value + ".jsonl" == Path.GetFileName(e.Path)).Key;
            throw new InvalidRequestException(e.Message, role is null ? "datasets" : $"datasets.{role}", "invalid_dataset");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            var match = FieldPrefix().Match(e.Message);
            var field = !match.Success ? null
                : match.Groups["setting"].Success ? $"hyperparameters.{match.Groups["setting"].Value}"
                : match.Groups["field"].Value;
            throw new InvalidRequestException(e.Message, field);
        }
    }
}
