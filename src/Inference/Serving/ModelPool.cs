using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// The models a server has in memory, loaded on first use, one scheduler each. Every acquisition compares the
/// checkpoint directory's <see cref="CheckpointVersion"/> with the loaded one: when a training job has
/// published a new checkpoint under the same name, the new weights are loaded and serve the next requests,
/// while requests already running finish on the old ones (hot swap without dropping requests). While a
/// directory is being replaced (briefly missing), the loaded version keeps serving.
/// </summary>
public sealed class ModelPool(CheckpointCatalog catalog, TokenizerLoader loadTokenizer, ModelPoolOptions? options = null, ServingMetrics? metrics = null) : IDisposable
{
    private sealed class Slot
    {
        public ServedModel? Current;
        public Task<ServedModel>? Loading;
        public CheckpointVersion? LoadingVersion;
    }

    private readonly ModelPoolOptions options = options ?? new ModelPoolOptions();
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private bool disposed;

    public CheckpointCatalog Catalog { get; } = catalog;

    /// <summary>The models in memory now (the newest version of each).</summary>
    public IReadOnlyList<ServedModel> Loaded
    {
        get
        {
            lock (slots) return slots.Values.Select(s => s.Current).OfType<ServedModel>().OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// A lease on the newest version of the named model, loading it if needed.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a valid checkpoint name.</exception>
    /// <exception cref="ModelNotFoundException">No servable checkpoint has that name.</exception>
    /// <exception cref="ModelLoadException">The checkpoint could not be loaded.</exception>
    public async Task<ModelLease> AcquireAsync(string name, CancellationToken cancellation = default)
    {
        var directory = Catalog.DirectoryOf(name);
        while (true)
        {
            Task<ServedModel> loading;
            Slot slot;
            lock (slots)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var version = Catalog.IsServable(directory) ? CheckpointVersion.Read(directory) : null;
                slots.TryGetValue(name, out var existing);
                slot = existing ?? new Slot();
                if (slot.Current is { } current && (version is null || version == current.Version))
                {
                    if (current.TryLease()) return new ModelLease(current, loadedNow: false);
                }
                if (version is null) throw new ModelNotFoundException(name);
                if (slot.Loading is not null && slot.LoadingVersion == version) loading = slot.Loading;
                else
                {
                    slots[name] = slot;
                    loading = Task.Run(() => Load(name, directory, version));
                    slot.Loading = loading;
                    slot.LoadingVersion = version;
                }
            }

            ServedModel loaded;
            try
            {
                loaded = await loading.WaitAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (slots)
                {
                    if (slot.Loading == loading)
                    {
                        slot.Loading = null;
                        slot.LoadingVersion = null;
                    }
                    // The directory may have been replaced while we read it; the old version still serves.
                    if (slot.Current is { } current && current.TryLease()) return new ModelLease(current, loadedNow: false);
                }
                throw e switch
                {
                    ModelLoadException or NotALanguageModelException => e,
                    _ => new ModelLoadException(name, e),
                };
            }

            lock (slots)
            {
                if (slot.Loading == loading)
                {
                    slot.Loading = null;
                    slot.LoadingVersion = null;
                    var previous = slot.Current;
                    slot.Current = loaded;
                    previous?.Retire();
                    if (disposed) loaded.Retire();
                }
                if (loaded.TryLease()) return new ModelLease(loaded, loadedNow: true);
            }
            // A newer version replaced this one before we could use it: go round again.
        }
    }

    private ServedModel Load(string name, string directory, CheckpointVersion version)
    {
        var checkpoint = Checkpoint.Open(directory);
        if (checkpoint.HasRewardHead()) throw new NotALanguageModelException(name);
        var tokenizer = loadTokenizer(directory);
        if (tokenizer.VocabSize > checkpoint.Config.VocabSize)
            throw new InvalidDataException($"{directory}: the tokenizer has {tokenizer.VocabSize} tokens but the model only {checkpoint.Config.VocabSize}");
        var model = checkpoint.LoadLanguageModel(options.DType, options.Device);
        try
        {
            model.eval();
            var scheduler = new ContinuousBatchScheduler(name, model, tokenizer, options.Scheduler, metrics);
            return new ServedModel(name, version, checkpoint, model, tokenizer, scheduler);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Takes a model out of memory; running requests finish first. Returns false when it was not loaded.</summary>
    public bool Unload(string name)
    {
        lock (slots)
        {
            if (!slots.TryGetValue(name, out var slot) || slot.Current is not { } current) return false;
            slot.Current = null;
            current.Retire();
            return true;
        }
    }

    public void Dispose()
    {
        lock (slots)
        {
            if (disposed) return;
            disposed = true;
            foreach (var slot in slots.Values) slot.Current?.Retire();
        }
    }
}
