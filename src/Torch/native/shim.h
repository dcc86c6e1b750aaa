// Conventions shared by every exported function of the shim.
//
// * Only extern "C" symbols cross the boundary (IGT_API).
// * A function that makes a tensor returns a new heap-allocated at::Tensor* that
//   the caller owns and frees with igt_tensor_free; nullptr means failure.
// * A function without a tensor result returns 0 on success and -1 on failure.
// * On failure the message is kept in a thread-local string read by
//   igt_last_error(). No C++ exception ever leaves a function (IGT_TRY ... IGT_END).
#pragma once
#include "shim_pch.h"
#include <cstdint>

#define IGT_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TensorHandle;
typedef at::Generator* GeneratorHandle;

// A number that keeps its kind: an int64 scalar must not promote an integer tensor to float.
struct IgtScalar {
  double d;
  int64_t i;
  int32_t kind;  // 0 = floating, 1 = integral, 2 = boolean
};

namespace igt {
void set_error(const char* message);
void set_error_from_current_exception();
at::Scalar to_scalar(IgtScalar s);
at::TensorOptions options(int dtype, int device_type, int device_index);
inline at::IntArrayRef dims(const int64_t* values, int count) { return at::IntArrayRef(values, static_cast<size_t>(count)); }
inline TensorHandle wrap(at::Tensor&& t) { return new at::Tensor(std::move(t)); }
inline TensorHandle wrap(const at::Tensor& t) { return new at::Tensor(t); }
inline c10::optional<at::Tensor> optional_tensor(TensorHandle t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}
std::vector<at::Tensor> tensor_list(const TensorHandle* handles, int count);
}  // namespace igt

#define IGT_TRY try {
#define IGT_CATCH(failure)                      \
  }                                             \
  catch (...) {                                 \
    igt::set_error_from_current_exception();    \
    return failure;                             \
  }

// Body returning a tensor handle: IGT_TENSOR(at::add(*a, *b))
#define IGT_TENSOR(expr) \
  IGT_TRY return igt::wrap(expr); IGT_CATCH(nullptr)

// Body with a status result: IGT_STATUS(stmt; stmt;)
#define IGT_STATUS(...) \
  IGT_TRY __VA_ARGS__; return 0; IGT_CATCH(-1)
