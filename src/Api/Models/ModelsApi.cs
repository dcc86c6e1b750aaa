using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using InstructGpt.Api.Scoring;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstructGpt.Api.Models;

/// <summary>/v1/models: the checkpoints under $INSTRUCTGPT_HOME/checkpoints, and loading them into memory ahead of use.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Models");
        group.MapGet("/models", ListModels)
            .WithName("ListModels")
            .WithSummary("List servable checkpoints")
            .WithDescription("Every directory under the checkpoints directory with config.json and model.safetensors, with its stage and parent from instructgpt.json.")
            .WithExamples(null, ApiExamples.ModelList);
        group.MapGet("/models/{model}", GetModel)
            .WithName("GetModel")
            .WithSummary("Describe one checkpoint")
            .WithExamples(null, ApiExamples.Model);
        group.MapPost("/models/{model}/load", LoadModelAsync)
            .WithName("LoadModel")
            .WithSummary("Load a checkpoint into memory now (requires the API key)")
            .WithDescription("Models otherwise load on their first request; this warms one up. Loading a newer version of a checkpoint that was replaced on disk also happens here.")
            .WithExamples(null, ApiExamples.Model)
            .RequireApiKey();
        group.MapPost("/models/{model}/unload", UnloadModel)
            .WithName("UnloadModel")
            .WithSummary("Free a checkpoint's memory (requires the API key)")
            .WithDescription("Requests already running on it finish first. The next request loads it again.")
            .WithExamples(null, ApiExamples.Model)
            .RequireApiKey();
        return app;
    }

    public static Ok<ModelList> ListModels(CheckpointCatalog catalog, ModelPool pool, RewardModelCache rewardModels)
    {
        var loaded = LoadedNames(pool, rewardModels);
        return TypedResults.Ok(new ModelList("list", catalog.List().Select(e => ToModel(e, loaded.Contains(e.Name))).ToList()));
    }

    public static Results<Ok<ModelObject>, ApiError> GetModel(string model, CheckpointCatalog catalog, ModelPool pool, RewardModelCache rewardModels)
    {
        if (Find(model, catalog) is not { } entry) return NotFound(model, catalog);
        return TypedResults.Ok(ToModel(entry, LoadedNames(pool, rewardModels).Contains(entry.Name)));
    }

    /// <summary>Language models in the pool and reward models in the scoring cache.</summary>
    private static HashSet<string> LoadedNames(ModelPool pool, RewardModelCache rewardModels) =>
        pool.Loaded.Select(m => m.Name).Concat(rewardModels.Loaded).ToHashSet(StringComparer.Ordinal);

    public static async Task<Results<Ok<ModelObject>, ApiError>> LoadModelAsync(string model, CheckpointCatalog catalog, ModelPool pool, RewardModelCache rewardModels,
        HttpContext http, ILoggerFactory loggers)
    {
        if (Find(model, catalog) is not { } entry) return NotFound(model, catalog);
        try
        {
            // A reward model is served by /v1/score, so it loads there.
            if (IsRewardModel(entry))
                await rewardModels.LoadAsync(model, http.RequestAborted);
            else
            {
                using var lease = await pool.AcquireAsync(model, http.RequestAborted);
                if (lease.LoadedNow) loggers.CreateLogger(typeof(ModelsApi).FullName!).LogInformation("Loaded model {Model} from {Directory}", model, entry.Directory);
            }
            return TypedResults.Ok(ToModel(entry, loaded: true));
        }
        catch (ModelNotFoundException)
        {
            return NotFound(model, catalog);
        }
    }

    public static Results<Ok<ModelObject>, ApiError> UnloadModel(string model, CheckpointCatalog catalog, ModelPool pool, RewardModelCache rewardModels)
    {
        if (Find(model, catalog) is not { } entry) return NotFound(model, catalog);
        pool.Unload(model);
        rewardModels.Unload(model);
        return TypedResults.Ok(ToModel(entry, loaded: false));
    }

    /// <summary>The entry, or null for names that are invalid (path tricks included) or not servable.</summary>
    private static CheckpointEntry? Find(string model, CheckpointCatalog catalog) =>
        CheckpointCatalog.IsValidName(model, out _) ? catalog.Find(model) : null;

    private static ApiError NotFound(string model, CheckpointCatalog catalog) =>
        CheckpointCatalog.IsValidName(model, out var problem)
            ? ApiError.NotFound(new ModelNotFoundException(model).Message, "model", "model_not_found")
            : ApiError.BadRequest($"Invalid value for 'model': {problem}.", "model", "invalid_model_name");

    private static ModelObject ToModel(CheckpointEntry entry, bool loaded) => new(
        entry.Name, "model", entry.Modified.ToUnixTimeSeconds(), "instructgpt",
        entry.Checkpoint.Metadata?.Stage ?? "imported", ParentName(entry.Checkpoint.Metadata?.Parent),
        IsRewardModel(entry) ? ModelObject.RewardModel : ModelObject.LanguageModel, loaded, entry.Checkpoint.Config.NPositions);

    /// <summary>A checkpoint whose weights cannot be read lists as a language model: loading it reports the damage (503).</summary>
    private static bool IsRewardModel(CheckpointEntry entry) => entry.Checkpoint.IsReadableRewardModel();

    /// <summary>
    /// Training records the directory it started from, a path on the server; clients see its name, as OpenAI's
    /// <c>parent</c> is a model id. A server path says nothing a client can use and tells it about the server's disks.
    /// </summary>
    private static string? ParentName(string? parent) =>
        string.IsNullOrWhiteSpace(parent) ? null : Path.GetFileName(parent.TrimEnd('/', '\\')) is { Length: > 0 } name ? name : parent;
}
