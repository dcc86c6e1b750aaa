using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using InstructGpt.Training.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// /v1/datasets: JSONL files in the dataset formats training reads, validated whole on upload by the same readers
/// and kept in <c>$INSTRUCTGPT_HOME/datasets/NAME.jsonl</c>, where training jobs find them by name.
/// </summary>
public static class DatasetsApi
{
    public static WebApplicationBuilder AddDatasets(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DatasetCatalog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DatasetOptions>>().Value;
        var group = app.MapGroup("/v1/datasets").WithTags("Datasets");
        group.MapPost("", UploadAsync)
            .WithName("UploadDataset")
            .WithSummary("Upload a JSONL dataset, validated whole by the training readers (requires the API key)")
            .WithDescription($"Either multipart/form-data with a 'file' part (and optional 'name', 'kind', 'overwrite' fields), or the raw JSONL " +
                $"as the body with Content-Type application/x-ndjson. Query: name ({DatasetName.Rule}; from a multipart file's name when absent), " +
                $"kind ({string.Join(", ", DatasetKinds.All)}), overwrite (true to replace; otherwise an existing name is 409). " +
                $"Invalid records are answered with 400 listing up to {options.MaxReportedErrors} of them by line and field. " +
                $"Uploads up to {options.MaxUploadBytes} bytes (Datasets:MaxUploadBytes).")
            .Produces<OpenAiErrorResponse>(StatusCodes.Status409Conflict)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .WithExamples(null, DatasetExamples.Dataset)
            .AddOpenApiOperationTransformer(DatasetUploadDocs.DescribeAsync)
            .WithMetadata(new RequestBodyLimitMetadata(options.MaxUploadBytes, $"{DatasetOptions.Section}:{nameof(DatasetOptions.MaxUploadBytes)}"))
            .RequireApiKey();
        group.MapGet("", (DatasetCatalog catalog) => TypedResults.Ok(new DatasetList("list", catalog.List())))
            .WithName("ListDatasets")
            .WithSummary("List datasets: name, kind, records, bytes, sha256, created_at")
            .WithExamples(null, DatasetExamples.List);
        group.MapGet("/{name}", Get)
            .WithName("GetDataset")
            .WithSummary("Describe one dataset")
            .WithExamples(null, DatasetExamples.Dataset);
        group.MapGet("/{name}/content", Content)
            .WithName("GetDatasetContent")
            .WithSummary("Download a dataset's JSONL")
            .Produces<string>(StatusCodes.Status200OK, DatasetCatalog.ContentType)
            .WithExamples(null, DatasetExamples.Upload);
        group.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteDataset")
            .WithSummary("Delete a dataset (requires the API key)")
            .WithExamples(null, DatasetExamples.Deleted)
            .RequireApiKey();
        return app;
    }

    public static async Task<Results<Created<DatasetInfo>, InvalidDatasetResult, ApiError>> UploadAsync(
        HttpRequest request, DatasetCatalog catalog, IOptions<DatasetOptions> options, ILoggerFactory loggers)
    {
        var cancellation = request.HttpContext.RequestAborted;
        var temporary = catalog.NewTemporaryPath();
        try
        {
            var query = request.Query;
            var overwrite = Overwrite(query["overwrite"].ToString() is { Length: > 0 } o ? o : null);
            // A name known from the query is checked before the body is read: a 409 should not cost the upload.
            if (query["name"].ToString() is { Length: > 0 } early && CheckName(early, "name") is var n && !overwrite && catalog.Exists(n))
                return Conflict(n);
            var upload = await DatasetUpload.ReceiveAsync(request, temporary, cancellation);
            var name = CheckName(First(query["name"], upload.Fields.GetValueOrDefault("name")) ?? DatasetName.FromFileName(upload.FileName), "name");
            var kind = CheckKind(First(query["kind"], upload.Fields.GetValueOrDefault("kind")));
            overwrite |= upload.Fields.TryGetValue("overwrite", out var field) && Overwrite(field);
            if (upload.Bytes == 0) throw new InvalidRequestException("Invalid value for 'file': the upload is empty; send at least one JSONL record.", "file");

            int records;
            try
            {
                records = await Task.Run(() => DatasetKinds.Validate(kind, temporary), cancellation);
            }
            catch (DatasetFormatException e)
            {
                return InvalidDatasetResult.From(name, kind, e, options.Value.MaxReportedErrors);
            }
            catch (InvalidOperationException) when (UnpairedSurrogates.FirstLine(temporary) is { } line)
            {
                return ApiError.BadRequest($"The upload is not a valid '{kind}' dataset, nothing was stored: {name}{DatasetCatalog.Extension}:{line}: " + JsonErrorMessages.UnpairedSurrogate,
                    "file", "invalid_dataset");
            }
            if (records == 0) throw new InvalidRequestException("Invalid value for 'file': the upload holds only blank lines; send at least one JSONL record.", "file");

            var info = new DatasetInfo(name, DatasetInfo.ObjectName, kind, records, upload.Bytes, upload.Sha256, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            if (!await catalog.PublishAsync(temporary, info, overwrite)) return Conflict(name);
            loggers.CreateLogger(typeof(DatasetsApi).FullName!).LogInformation("Stored dataset {Name} ({Kind}, {Records} records, {Bytes} bytes)", name, kind, records, upload.Bytes);
            return TypedResults.Created($"/v1/datasets/{name}", info);
        }
        finally
        {
            File.Delete(temporary); // nothing to do after a successful rename
        }
    }

    public static Results<Ok<DatasetInfo>, ApiError> Get(string name, DatasetCatalog catalog) =>
        Lookup(name, catalog, out var info) is { } error ? error : TypedResults.Ok(info!);

    public static Results<PhysicalFileHttpResult, ApiError> Content(string name, DatasetCatalog catalog) =>
        Lookup(name, catalog, out _) is { } error
            ? error
            : TypedResults.PhysicalFile(catalog.PathOf(name), DatasetCatalog.ContentType, name + DatasetCatalog.Extension);

    public static async Task<Results<Ok<DatasetDeleted>, ApiError>> DeleteAsync(string name, DatasetCatalog catalog)
    {
        if (!DatasetName.IsValid(name)) return InvalidName(name, "name");
        return await catalog.DeleteAsync(name) ? TypedResults.Ok(new DatasetDeleted(name, DatasetInfo.ObjectName, true)) : NotFound(name);
    }

    /// <summary>The error for an invalid or unknown name, or null with the dataset found.</summary>
    private static ApiError? Lookup(string name, DatasetCatalog catalog, out DatasetInfo? info)
    {
        info = null;
        if (!DatasetName.IsValid(name)) return InvalidName(name, "name");
        info = catalog.Find(name);
        return info is null ? NotFound(name) : null;
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues query, string? field) =>
        query.ToString() is { Length: > 0 } q ? q : field is { Length: > 0 } ? field : null;

    private static string CheckName(string? name, string param)
    {
        if (name is null)
            throw new InvalidRequestException($"Missing dataset name: give ?name= ({DatasetName.Rule}), or upload a file whose name is one.", param, "invalid_dataset_name");
        if (!DatasetName.IsValid(name)) throw new InvalidRequestException(InvalidNameMessage(name, param), param, "invalid_dataset_name");
        return name;
    }

    private static string CheckKind(string? kind)
    {
        if (kind is null) throw new InvalidRequestException($"Missing dataset kind: give ?kind= one of {string.Join(", ", DatasetKinds.All)}.", "kind");
        if (!DatasetKinds.IsKnown(kind))
            throw new InvalidRequestException($"Invalid value for 'kind': must be one of {string.Join(", ", DatasetKinds.All)} (got '{Shorten(kind)}').", "kind");
        return kind;
    }

    private static bool Overwrite(string? value) => value switch
    {
        null => false,
        _ when bool.TryParse(value, out var b) => b,
        _ => throw new InvalidRequestException($"Invalid value for 'overwrite': must be true or false (got '{Shorten(value)}').", "overwrite"),
    };

    private static ApiError InvalidName(string name, string param) => ApiError.BadRequest(InvalidNameMessage(name, param), param, "invalid_dataset_name");

    private static string InvalidNameMessage(string name, string param) =>
        $"Invalid value for '{param}': a dataset name is {DatasetName.Rule} (got '{Shorten(name)}').";

    private static ApiError NotFound(string name) =>
        ApiError.NotFound($"There is no dataset '{name}'. GET /v1/datasets lists them.", "name", "dataset_not_found");

    private static ApiError Conflict(string name) => new(StatusCodes.Status409Conflict, new OpenAiError(
        $"A dataset named '{name}' exists. Choose another name, or add ?overwrite=true to replace it.", OpenAiErrorTypes.InvalidRequest, "name", "dataset_exists"));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
