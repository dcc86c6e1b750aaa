using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// The upload's OpenAPI description. The handler reads the body itself (to stream it to disk), so the form's
/// fields and the query parameters are described here rather than inferred from a parameter list.
/// </summary>
public static class DatasetUploadDocs
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var kinds = string.Join(", ", DatasetKinds.All);
        operation.Parameters ??= [];
        operation.Parameters.Add(Query("name", $"The dataset's name: {DatasetName.Rule}. Default: the uploaded file's name without .jsonl."));
        operation.Parameters.Add(Query("kind", $"The dataset format: {kinds}."));
        operation.Parameters.Add(Query("overwrite", "true replaces an existing dataset of that name; otherwise it is 409.", JsonSchemaType.Boolean));
        // Described here, not with Accepts(): routing would answer other content types with a bare 415 before the handler could say what to send.
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [DatasetCatalog.ContentType] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The JSONL itself, one record a line (UTF-8)." },
                    Example = JsonValue.Create(DatasetExamples.Upload),
                },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The JSONL file (UTF-8, one record a line)." },
                            ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Instead of ?name=." },
                            ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"Instead of ?kind=: {kinds}." },
                            ["overwrite"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Instead of ?overwrite=." },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiParameter Query(string name, string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}
