using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

/// <summary>
/// Turns gradient recording off (or on) for this thread until disposed, then restores the
/// previous setting: <c>using (torch.no_grad()) { ... }</c>. Like a DisposeScope, it belongs to
/// one thread and must not be held across an await.
/// </summary>
public sealed class GradMode : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradMode(bool enabled)
    {
        previous = IsEnabled;
        NativeMethods.igt_set_grad_enabled(enabled ? 1 : 0);
    }

    public static bool IsEnabled => NativeMethods.igt_grad_enabled() != 0;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeMethods.igt_set_grad_enabled(previous ? 1 : 0);
    }
}
