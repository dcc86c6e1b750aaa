using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;

namespace InstructGpt.Api.Evaluations;

/// <summary>An example of a successful response that is not a JSON object (Markdown, HTML, SVG), for the OpenAPI document.</summary>
public sealed record TextExample(string ContentType, string Example)
{
    /// <summary>Puts the endpoint's example on its 200 response's content of that type.</summary>
    public static Task Apply(Microsoft.OpenApi.OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<TextExample>().LastOrDefault() is { } example
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(example.ContentType, out var content) == true)
            content.Example = example.ContentType.StartsWith("application/json", StringComparison.Ordinal)
                ? JsonNode.Parse(example.Example)
                : JsonValue.Create(example.Example);
        return Task.CompletedTask;
    }
}
