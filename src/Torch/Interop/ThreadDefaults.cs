namespace InstructGpt.Torch.Interop;

/// <summary>
/// Chooses libtorch's intra-op thread count once, when the shim is first loaded. INSTRUCTGPT_NUM_THREADS wins;
/// otherwise libtorch's own default stays. On the 2-core CPU machines we measure on, libtorch reports 1 intra-op
/// thread while OpenBLAS runs its own pool, and 2 libtorch threads made matmul and the MLP block slower
/// (oversubscription; docs/benchmarks.md), so keeping libtorch's default is the measured choice there.
/// </summary>
internal static class ThreadDefaults
{
    public const string EnvironmentVariable = "INSTRUCTGPT_NUM_THREADS";

    public static void Apply()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured)) return;
        if (!int.TryParse(configured, out var threads) || threads < 1)
            throw new InvalidOperationException($"{EnvironmentVariable} must be a positive integer, got '{configured}'");
        TorchException.Check(NativeMethods.igt_set_num_threads(threads));
    }
}
