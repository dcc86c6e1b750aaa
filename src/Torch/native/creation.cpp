// Factory functions. Shapes arrive as (pointer, count); dtype and device as c10's enum values.
#include "shim.h"

namespace {
c10::optional<at::Generator> optional_generator(GeneratorHandle g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}

at::Tensor with_grad(at::Tensor t, int requires_grad) {
  // ATen factories reject requires_grad in their options; set it on the result instead.
  if (requires_grad) t.set_requires_grad(true);
  return t;
}
}  // namespace

#define IGT_FACTORY_ARGS const int64_t *shape, int ndim, int dtype, int device_type, int device_index, int requires_grad
#define IGT_FACTORY_OPTIONS igt::options(dtype, device_type, device_index)

IGT_API TensorHandle igt_zeros(IGT_FACTORY_ARGS) {
  IGT_TENSOR(with_grad(at::zeros(igt::dims(shape, ndim), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_ones(IGT_FACTORY_ARGS) {
  IGT_TENSOR(with_grad(at::ones(igt::dims(shape, ndim), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_empty(IGT_FACTORY_ARGS) {
  IGT_TENSOR(with_grad(at::empty(igt::dims(shape, ndim), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_full(IGT_FACTORY_ARGS, IgtScalar value) {
  IGT_TENSOR(with_grad(at::full(igt::dims(shape, ndim), igt::to_scalar(value), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_randn(IGT_FACTORY_ARGS, GeneratorHandle generator) {
  IGT_TENSOR(with_grad(at::randn(igt::dims(shape, ndim), optional_generator(generator), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_rand(IGT_FACTORY_ARGS, GeneratorHandle generator) {
  IGT_TENSOR(with_grad(at::rand(igt::dims(shape, ndim), optional_generator(generator), IGT_FACTORY_OPTIONS), requires_grad))
}

IGT_API TensorHandle igt_randint(int64_t low, int64_t high, IGT_FACTORY_ARGS, GeneratorHandle generator) {
  IGT_TENSOR(with_grad(at::randint(low, high, igt::dims(shape, ndim), optional_generator(generator), IGT_FACTORY_OPTIONS),
                       requires_grad))
}

IGT_API TensorHandle igt_arange(IgtScalar start, IgtScalar end, IgtScalar step, int dtype, int device_type,
                                int device_index, int requires_grad) {
  IGT_TENSOR(with_grad(at::arange(igt::to_scalar(start), igt::to_scalar(end), igt::to_scalar(step), IGT_FACTORY_OPTIONS),
                       requires_grad))
}

IGT_API TensorHandle igt_eye(int64_t n, int dtype, int device_type, int device_index, int requires_grad) {
  IGT_TENSOR(with_grad(at::eye(n, IGT_FACTORY_OPTIONS), requires_grad))
}

// In-place random fills, for initialising parameters from a generator.
IGT_API int igt_normal_(TensorHandle t, double mean, double std, GeneratorHandle generator) {
  IGT_STATUS(at::NoGradGuard guard; t->normal_(mean, std, optional_generator(generator)))
}

IGT_API int igt_uniform_(TensorHandle t, double from, double to, GeneratorHandle generator) {
  IGT_STATUS(at::NoGradGuard guard; t->uniform_(from, to, optional_generator(generator)))
}
