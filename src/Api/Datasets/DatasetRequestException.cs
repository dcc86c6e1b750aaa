using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Datasets;

/// <summary>A dataset request that cannot be served, with the error to answer.</summary>
public sealed class DatasetRequestException(ApiError error) : Exception(error.Value.Error.Message)
{
    public ApiError Error { get; } = error;
}
