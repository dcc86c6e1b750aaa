namespace InstructGpt.Api.OpenApi;

/// <summary>Endpoint metadata: example request and response bodies for the OpenAPI document.</summary>
public sealed record OpenApiExamples(string? Request, string? Response);
