// Process-wide runtime: library version, threads and CUDA queries.
#include "shim.h"
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#ifdef IGT_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

IGT_API const char* igt_torch_version() { return TORCH_VERSION; }
IGT_API int igt_built_with_cuda() {
#ifdef IGT_WITH_CUDA
  return 1;
#else
  return 0;
#endif
}

IGT_API int igt_get_num_threads() { return at::get_num_threads(); }
IGT_API int igt_set_num_threads(int n) { IGT_STATUS(at::set_num_threads(n)) }
IGT_API int igt_get_num_interop_threads() { return at::get_num_interop_threads(); }
IGT_API int igt_set_num_interop_threads(int n) { IGT_STATUS(at::set_num_interop_threads(n)) }

IGT_API int igt_cuda_is_available() {
  IGT_TRY return torch::cuda::is_available() ? 1 : 0; IGT_CATCH(0)
}
IGT_API int igt_cuda_device_count() {
  IGT_TRY return static_cast<int>(torch::cuda::device_count()); IGT_CATCH(0)
}
IGT_API int igt_cuda_synchronize(int device) {
  IGT_STATUS(torch::cuda::synchronize(device))
}

// Bytes held by tensors (allocated) and by the caching allocator (reserved) on one device.
IGT_API int igt_cuda_memory(int device, int64_t* allocated, int64_t* reserved, int64_t* peak_allocated) {
  IGT_TRY
#ifdef IGT_WITH_CUDA
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device);
    const auto aggregate = static_cast<size_t>(c10::cuda::CUDACachingAllocator::StatType::AGGREGATE);
    *allocated = stats.allocated_bytes[aggregate].current;
    *reserved = stats.reserved_bytes[aggregate].current;
    *peak_allocated = stats.allocated_bytes[aggregate].peak;
    return 0;
#else
    (void)device;
    *allocated = *reserved = *peak_allocated = 0;
    igt::set_error("this build of the native shim has no CUDA support");
    return -1;
#endif
  IGT_CATCH(-1)
}

IGT_API int igt_cuda_empty_cache() {
  IGT_TRY
#ifdef IGT_WITH_CUDA
    c10::cuda::CUDACachingAllocator::emptyCache();
#endif
    return 0;
  IGT_CATCH(-1)
}
