using InstructGpt.Api.Errors;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// 400 for an upload with invalid records: OpenAI's error shape, whose message lists the first problems as
/// <c>NAME.jsonl:LINE: FIELD: PROBLEM</c>, plus <c>lines</c> (the same, structured) and <c>total_errors</c>.
/// </summary>
public sealed class InvalidDatasetResult(InvalidDatasetResponse body) : IResult, IStatusCodeHttpResult, IValueHttpResult<InvalidDatasetResponse>, IValueHttpResult
{
    public int? StatusCode => StatusCodes.Status400BadRequest;
    public InvalidDatasetResponse Value { get; } = body;

    public static InvalidDatasetResult From(string name, string kind, DatasetFormatException e, int maxListed)
    {
        var file = name + DatasetCatalog.Extension;
        var listed = e.Errors.Take(maxListed).Select(d => new InvalidRecord(d.Line, d.Field.Length == 0 ? null : d.Field, d.Message)).ToList();
        var lines = listed.Select(d => d.Field is null ? $"{file}:{d.Line}: {d.Message}" : $"{file}:{d.Line}: {d.Field}: {d.Message}");
        var more = e.TotalErrors > listed.Count ? $"\n... and {e.TotalErrors - listed.Count} more" : "";
        var message = $"The upload is not a valid '{kind}' dataset: {e.TotalErrors} invalid record(s), nothing was stored. " +
            $"Fix these and upload again (formats: docs/datasets.md):\n{string.Join('\n', lines)}{more}";
        var first = listed.FirstOrDefault();
        return new(new InvalidDatasetResponse(new InvalidDatasetError(message, OpenAiErrorTypes.InvalidRequest, first?.Field ?? "file", "invalid_dataset", listed, e.TotalErrors)));
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return httpContext.Response.WriteAsJsonAsync(Value, ApiJson.Options(httpContext), "application/json", httpContext.RequestAborted);
    }

    object? IValueHttpResult.Value => Value;
}
