using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Serving;

/// <summary>A request's hold on a <see cref="ServedModel"/>; dispose it when the response is finished.</summary>
public sealed class ModelLease : IDisposable
{
    private int released;

    internal ModelLease(ServedModel model, bool loadedNow)
    {
        Model = model;
        LoadedNow = loadedNow;
    }

    public ServedModel Model { get; }

    /// <summary>Whether this request caused the model to be loaded (for logging).</summary>
    public bool LoadedNow { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) Model.Release();
    }
}
