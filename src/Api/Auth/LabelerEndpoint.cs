namespace InstructGpt.Api.Auth;

/// <summary>
/// Endpoint metadata: a labeler token may call this endpoint. <see cref="LabelerBoundaryMiddleware"/> answers 403 for a labeler
/// token on every endpoint without it, endpoints open to anyone included.
/// </summary>
public sealed class LabelerEndpoint
{
    public static LabelerEndpoint Instance { get; } = new();
}
