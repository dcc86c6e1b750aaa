namespace InstructGpt.Inference.Engine;

/// <summary>
/// Frees, once per training step, the native Scalars that TorchSharp leaves to the garbage collector.
/// <para>
/// TorchSharp 0.107 turns every .NET number handed to libtorch (<c>x * 0.5</c>, the optimizers' <c>add_(g, alpha)</c>)
/// into a Scalar whose 32-byte c10::Scalar only a finalizer frees (and <see cref="ScalarDisposalGuard"/> then keeps for
/// two seconds more). A training step allocates little .NET memory, so collections came tens of steps apart and
/// thousands of these small blocks stayed live across steps. Placed by malloc into the holes that a step's large
/// tensors had just freed, each split a hole so that the next step's tensor of the same size no longer fit in it and was
/// taken from the top of the heap instead: glibc's account (bench/Memory.Bench) showed the heap growing by one logits
/// tensor (8 MiB) per step for the first 100–200 steps while the bytes in use stayed at 140 MiB, and the resident set
/// ended 0.7–1.0 GiB high, rising at random later steps (+18% over 1,000 tiny steps). A generation-0 collection at the
/// end of each step hands them to the finalizer while the step's holes are still whole: the same run stayed at
/// 463–473 MiB (+2.2%), and the steps were no slower (it costs well under a millisecond against tens of milliseconds a
/// step). Decoding is not affected in the same way (its resident set was flat) and is not collected.
/// </para>
/// </summary>
public static class ScalarGarbage
{
    /// <summary>Call at the end of a training step, outside its dispose scope.</summary>
    public static void CollectAfterStep() => GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
}
