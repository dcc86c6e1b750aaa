using System.Text.Json.Nodes;
using InstructGpt.Api.Completions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace InstructGpt.Api.OpenApi;

/// <summary>The OpenAPI document (/openapi/v1.json) and Swagger UI (/swagger).</summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "Bearer";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "InstructGpt API",
                    Version = "v1",
                    Description = "OpenAI-compatible completions and chat served from every checkpoint of the InstructGPT pipeline " +
                        "(SFT, reward model, PPO). /v1 errors have OpenAI's shape {\"error\": {\"message\", \"type\", \"param\", \"code\"}}; " +
                        "other errors are RFC 9457 problem details. Mutating endpoints need `Authorization: Bearer <key>`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The API key: Auth:ApiKey, INSTRUCTGPT_API_KEY, or the generated $INSTRUCTGPT_HOME/api-key file.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<OpenApiExamples>().LastOrDefault() is { } examples)
                {
                    if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
                    {
                        if (requestContent.TryGetValue("application/json", out var request)) request.Example = JsonNode.Parse(examples.Request);
                        else if (requestContent.TryGetValue("application/x-ndjson", out var lines)) lines.Example = JsonValue.Create(examples.Request);
                    }
                    // The success response: 200, 201 for endpoints that create something, or 202 for endpoints that queue work.
                    var successResponse = operation.Responses?.Where(r => r.Key is "200" or "201" or "202").Select(r => r.Value).FirstOrDefault();
                    if (examples.Response is not null && successResponse is { Content: { } success })
                    {
                        if (success.TryGetValue("application/json", out var response)) response.Example = JsonNode.Parse(examples.Response);
                        else if (success.TryGetValue("text/plain", out var text)) text.Example = JsonValue.Create(examples.Response);
                        else if (success.TryGetValue("application/x-ndjson", out var lines)) lines.Example = JsonValue.Create(examples.Response);
                    }
                }
                if (metadata.OfType<Streaming.EventStreamMetadata>().Any() && operation.Responses?.TryGetValue("200", out var streamed) == true && streamed.Content is not null)
                    streamed.Content[Streaming.EventStreamResult.ContentTypeValue] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Description = "With \"stream\": true: Server-Sent Events, each 'data: {chunk}' followed by a blank line, ending with 'data: [DONE]'.",
                        },
                        Example = JsonValue.Create("data: {\"id\": \"cmpl-...\", \"object\": \"text_completion\", \"choices\": [{\"text\": \"The\", \"index\": 0, \"logprobs\": null, \"finish_reason\": null}]}\n\ndata: [DONE]\n\n"),
                    };
                if (metadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(PromptInput))
                    OneOf(schema, "A string, an array of strings, an array of token ids, or an array of arrays of token ids.",
                        new OpenApiSchema { Type = JsonSchemaType.String },
                        new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                        new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Integer } } });
                else if (type == typeof(StopInput))
                    OneOf(schema, "One stop sequence or an array of up to 4.",
                        new OpenApiSchema { Type = JsonSchemaType.String },
                        new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, MaxItems = 4 });
                else if (type == typeof(Chat.ChatContent))
                    OneOf(schema, "The message text, or an array of {\"type\": \"text\", \"text\": \"...\"} parts.",
                        new OpenApiSchema { Type = JsonSchemaType.String },
                        new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } });
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    private static void OneOf(OpenApiSchema schema, string description, params IOpenApiSchema[] shapes)
    {
        schema.Type = null;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Description = description;
        schema.OneOf = shapes.ToList();
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi().WithTags("Operations");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "InstructGpt API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "InstructGpt API";
        });
        return app;
    }
}
