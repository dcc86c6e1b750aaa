// Random number generation: global seed, Generator objects and sampling.
#include "shim.h"
#include <ATen/CPUGeneratorImpl.h>
#include <torch/cuda.h>

IGT_API int igt_manual_seed(uint64_t seed) {
  IGT_STATUS(at::manual_seed(seed))
}

IGT_API GeneratorHandle igt_generator_new(uint64_t seed, int device_type, int device_index) {
  IGT_TRY
    if (device_type == 0) return new at::Generator(at::detail::createCPUGenerator(seed));
    // Without CUDA headers: clone the device's default generator, then reseed the copy.
    at::Device device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    const at::Generator& source = at::globalContext().defaultGenerator(device);
    auto* g = new at::Generator(source.clone());
    g->set_current_seed(seed);
    return g;
  IGT_CATCH(nullptr)
}

IGT_API void igt_generator_free(GeneratorHandle g) { delete g; }
IGT_API uint64_t igt_generator_seed(GeneratorHandle g) { return g->current_seed(); }
IGT_API int igt_generator_set_seed(GeneratorHandle g, uint64_t seed) {
  IGT_STATUS(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(seed))
}
// The generator's full state as a uint8 tensor, for exact resume.
IGT_API TensorHandle igt_generator_get_state(GeneratorHandle g) {
  IGT_TRY std::lock_guard<std::mutex> lock(g->mutex()); return igt::wrap(g->get_state()); IGT_CATCH(nullptr)
}
IGT_API int igt_generator_set_state(GeneratorHandle g, TensorHandle state) {
  IGT_STATUS(std::lock_guard<std::mutex> lock(g->mutex()); g->set_state(*state))
}
IGT_API GeneratorHandle igt_default_generator(int device_type, int device_index) {
  IGT_TRY
    at::Device device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    return new at::Generator(at::globalContext().defaultGenerator(device));
  IGT_CATCH(nullptr)
}

IGT_API TensorHandle igt_multinomial(TensorHandle probs, int64_t samples, int replacement, GeneratorHandle g) {
  IGT_TENSOR(at::multinomial(*probs, samples, replacement != 0, g ? c10::optional<at::Generator>(*g) : c10::nullopt))
}
IGT_API TensorHandle igt_bernoulli(TensorHandle probs, GeneratorHandle g) {
  IGT_TENSOR(at::bernoulli(*probs, g ? c10::optional<at::Generator>(*g) : c10::nullopt))
}
IGT_API TensorHandle igt_randperm(int64_t n, int device_type, int device_index, GeneratorHandle g) {
  IGT_TENSOR(g ? at::randperm(n, *g, igt::options(static_cast<int>(at::kLong), device_type, device_index))
               : at::randperm(n, igt::options(static_cast<int>(at::kLong), device_type, device_index)))
}
