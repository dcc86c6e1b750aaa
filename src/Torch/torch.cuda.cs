using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

public static partial class torch
{
    /// <summary>CUDA queries (torch.cuda). On a CPU-only build they report no devices.</summary>
    public static class cuda
    {
        public static bool is_available() => NativeMethods.igt_cuda_is_available() != 0;

        public static int device_count() => NativeMethods.igt_cuda_device_count();

        /// <summary>Whether the shim was compiled with the CUDA allocator statistics.</summary>
        public static bool built_with_cuda => NativeMethods.igt_built_with_cuda() != 0;

        public static void synchronize(int device = -1) => TorchException.Check(NativeMethods.igt_cuda_synchronize(device));

        /// <summary>Bytes currently held by tensors on the device.</summary>
        public static long memory_allocated(int device = 0) => Memory(device).allocated;

        /// <summary>Bytes reserved by the caching allocator on the device.</summary>
        public static long memory_reserved(int device = 0) => Memory(device).reserved;

        public static long max_memory_allocated(int device = 0) => Memory(device).peak;

        public static void empty_cache() => TorchException.Check(NativeMethods.igt_cuda_empty_cache());

        private static (long allocated, long reserved, long peak) Memory(int device)
        {
            TorchException.Check(NativeMethods.igt_cuda_memory(device, out var allocated, out var reserved, out var peak));
            return (allocated, reserved, peak);
        }
    }
}
