using InstructGpt.Evaluation.Judges;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Serving;
using InstructGpt.Inference.Tokenization;
using TorchSharp;

namespace InstructGpt.Api.Scoring;

/// <summary>
/// The reward models <c>POST /v1/score</c> uses, loaded on first use and reloaded when their checkpoint is replaced
/// (as <see cref="ModelPool"/> does for language models). One scoring at a time per model: a batch already uses
/// every core, and the model is reused rather than copied.
/// </summary>
public sealed class RewardModelCache(CheckpointCatalog catalog, TokenizerLoader loadTokenizer, ModelPoolOptions options) : IDisposable
{
    private sealed class LoadedModel(CheckpointVersion version, GptRewardModel model, ITokenizer tokenizer)
    {
        public CheckpointVersion Version { get; } = version;
        public GptRewardModel Model { get; } = model;
        public ITokenizer Tokenizer { get; } = tokenizer;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        /// <summary>Set, under <see cref="Gate"/>, once a newer version replaced it and its tensors were freed.</summary>
        public bool Retired { get; set; }
    }

    private readonly Dictionary<string, Task<LoadedModel>> models = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>Scores each (prompt, completion) pair with the reward model <paramref name="name"/>.</summary>
    /// <exception cref="ModelNotFoundException">No servable checkpoint has that name.</exception>
    /// <exception cref="NotARewardModelException">The checkpoint has no score head.</exception>
    public async Task<(double[] Scores, int Tokens)> ScoreAsync(string name, string prompt, IReadOnlyList<string> completions, CancellationToken cancellation)
    {
        while (true)
        {
            var loaded = await LoadedAsync(name, cancellation).ConfigureAwait(false);
            await loaded.Gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (loaded.Retired) continue; // replaced while we waited: score with the new version
                return await ScoreLockedAsync(loaded, prompt, completions, cancellation).ConfigureAwait(false);
            }
            finally
            {
                loaded.Gate.Release();
            }
        }
    }

    private static async Task<(double[] Scores, int Tokens)> ScoreLockedAsync(LoadedModel loaded, string prompt, IReadOnlyList<string> completions, CancellationToken cancellation)
    {
        // Off the request thread: a batch of forward passes.
        return await Task.Run(() =>
        {
            var pairs = completions.Select(c => (prompt, c)).ToList();
            var tokens = pairs.Sum(p => RewardScorer.Layout(loaded.Tokenizer, p.prompt, p.c, loaded.Model.Config.NPositions).Length);
            return (RewardScorer.Score(loaded.Model, loaded.Tokenizer, pairs, ScoringBatchSize), tokens);
        }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Pairs per forward pass: a request's 64 completions at most take four.</summary>
    private const int ScoringBatchSize = 16;

    /// <summary>Loads the reward model now (POST /v1/models/{model}/load), so the first scoring does not wait.</summary>
    /// <exception cref="ModelLoadException">The checkpoint could not be loaded.</exception>
    public Task LoadAsync(string name, CancellationToken cancellation) => LoadedAsync(name, cancellation);

    /// <summary>The loaded model; a checkpoint that cannot be read is a <see cref="ModelLoadException"/>.</summary>
    private async Task<LoadedModel> LoadedAsync(string name, CancellationToken cancellation)
    {
        try
        {
            return await GetAsync(name).WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ModelNotFoundException or NotARewardModelException or ModelLoadException))
        {
            throw new ModelLoadException(name, e);
        }
    }

    /// <summary>The reward models in memory now.</summary>
    public IReadOnlyList<string> Loaded
    {
        get
        {
            lock (gate) return models.Where(m => m.Value.IsCompletedSuccessfully && !m.Value.Result.Retired).Select(m => m.Key).ToList();
        }
    }

    /// <summary>Frees a reward model's memory once its running scoring (if any) ends; false when it was not loaded.</summary>
    public bool Unload(string name)
    {
        lock (gate)
        {
            if (!models.Remove(name, out var task)) return false;
            if (task.IsCompletedSuccessfully) _ = RetireAsync(task.Result);
            return true;
        }
    }

    private Task<LoadedModel> GetAsync(string name)
    {
        var directory = catalog.DirectoryOf(name);
        lock (gate)
        {
            var version = catalog.IsServable(directory) ? CheckpointVersion.Read(directory) : null;
            if (version is null) throw new ModelNotFoundException(name);
            if (models.TryGetValue(name, out var existing))
            {
                if (!existing.IsCompleted) return existing;
                if (existing.IsCompletedSuccessfully && existing.Result.Version == version) return existing;
                if (existing.IsCompletedSuccessfully) _ = RetireAsync(existing.Result);
            }
            var loading = Task.Run(() => Load(name, directory, version));
            models[name] = loading;
            return loading;
        }
    }

    private LoadedModel Load(string name, string directory, CheckpointVersion version)
    {
        var checkpoint = Checkpoint.Open(directory);
        if (!checkpoint.HasRewardHead()) throw new NotARewardModelException(name);
        var tokenizer = loadTokenizer(directory);
        var model = checkpoint.LoadTrainedRewardModel(options.DType, options.Device);
        return new LoadedModel(version, model, tokenizer);
    }

    /// <summary>Frees a replaced model's tensors once the scoring using it (if any) has finished.</summary>
    private static async Task RetireAsync(LoadedModel old)
    {
        await old.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            old.Retired = true;
            old.Model.Dispose();
        }
        finally
        {
            old.Gate.Release();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var task in models.Values)
                if (task.IsCompletedSuccessfully && !task.Result.Retired) task.Result.Model.Dispose();
            models.Clear();
        }
    }
}
