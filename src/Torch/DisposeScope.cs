namespace InstructGpt.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope,
/// except those moved out with <see cref="Tensor.MoveToOuterDisposeScope"/> or
/// <see cref="Tensor.DetachFromDisposeScope"/>. Open one with <c>using var scope = torch.NewDisposeScope();</c>.
/// </summary>
/// <remarks>
/// Scopes are per thread and strictly nested. Never hold one across an <c>await</c>: the
/// continuation may run on another thread, whose tensors would not be tracked, and disposing the
/// scope there fails. Keep tensor work between awaits synchronous, or detach what must survive.
/// </remarks>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly int threadId = Environment.CurrentManagedThreadId;
    private readonly List<Tensor> tensors = [];
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>How many tensors this scope still owns.</summary>
    public int Count => tensors.Count(t => t.OwningScope == this);

    internal void Attach(Tensor tensor)
    {
        tensor.OwningScope = this;
        tensors.Add(tensor);
    }

    /// <summary>Hands the tensor to the enclosing scope (or to no scope) so it survives this one.</summary>
    public T MoveToOuter<T>(T tensor) where T : Tensor
    {
        if (tensor.OwningScope != this) return tensor;
        tensor.OwningScope = null;
        outer?.Attach(tensor);
        return tensor;
    }

    public void Dispose()
    {
        if (disposed) return;
        if (threadId != Environment.CurrentManagedThreadId)
            throw new InvalidOperationException(
                "A DisposeScope was disposed on a different thread from the one that opened it. " +
                "Do not hold a scope across an await.");
        if (current != this)
            throw new InvalidOperationException("DisposeScopes must be disposed innermost first.");
        disposed = true;
        current = outer;
        foreach (var tensor in tensors)
            if (tensor.OwningScope == this)
            {
                tensor.OwningScope = null;
                tensor.Dispose();
            }
        tensors.Clear();
    }
}
