/*
 * Lets Intel oneMKL, which libtorch's CPU build links in for its matrix products, use its AVX2/AVX-512 kernels on
 * x86 CPUs that are not Intel's (AMD EPYC and Ryzen).
 *
 * oneMKL chooses a code path from two facts: the instruction sets the CPU reports (CPUID feature bits) and whether
 * the vendor is Intel, which it asks through its internal function mkl_serv_intel_cpu_true(). On other vendors it
 * falls back to generic kernels: on this project's AMD EPYC development machine (family 26, AVX-512) a
 * [32 x 768] x [768 x 3072] float32 product ran at 64-77 GFLOP/s against 228-274 GFLOP/s with this library loaded
 * (docs/benchmarks.md).
 * libtorch_cpu.so exports that function and calls it through its procedure linkage table, so a definition that is
 * already in the process's global symbol scope when libtorch loads takes its place. MklCpuDispatch.Enable loads
 * this library with RTLD_GLOBAL before TorchSharp loads libtorch. The instruction sets are still checked by oneMKL
 * itself, so a CPU without AVX-512 or AVX2 keeps the kernels it supports.
 */
int mkl_serv_intel_cpu_true(void);

int mkl_serv_intel_cpu_true(void)
{
    return 1;
}
