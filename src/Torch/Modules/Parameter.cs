namespace InstructGpt.Torch.Modules;

/// <summary>
/// A trainable tensor owned by a <see cref="Module"/>: a leaf that requires grad, never owned by a
/// dispose scope (the module disposes it).
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>Makes a parameter that shares <paramref name="data"/>'s storage (detached from its history).</summary>
    public Parameter(Tensor data, bool requires_grad = true) : base(DetachedHandle(data), attachToScope: false)
    {
        this.requires_grad = requires_grad;
    }

    private static Interop.TensorHandle DetachedHandle(Tensor data) => Interop.NativeMethods.igt_detach(data.Handle);
}
