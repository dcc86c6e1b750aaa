namespace InstructGpt.Api.Errors;

/// <summary>
/// Endpoint metadata giving a route its own body limit (dataset uploads are larger than JSON requests), and the
/// setting that controls it, which the 413 message names. Routing runs before <see cref="RequestBodyLimit"/>, so
/// the endpoint is known when the limit is chosen.
/// </summary>
public sealed record RequestBodyLimitMetadata(long Bytes, string Setting) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    long? Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;
}
