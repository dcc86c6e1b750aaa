// Tensor lifecycle, metadata, data transfer and errors.
#include "shim.h"
#include <cstring>
#include <sstream>

namespace {
thread_local std::string last_error;
}

namespace igt {
void set_error(const char* message) { last_error = message ? message : "unknown error"; }

void set_error_from_current_exception() {
  try {
    throw;
  } catch (const c10::Error& e) {
    // what() carries a C++ backtrace in libtorch 1.x; the message alone is what a user needs.
    last_error = e.what_without_backtrace();
  } catch (const std::exception& e) {
    last_error = e.what();
  } catch (...) {
    last_error = "unknown C++ exception in libtorch";
  }
}

at::Scalar to_scalar(IgtScalar s) {
  switch (s.kind) {
    case 1: return at::Scalar(s.i);
    case 2: return at::Scalar(s.i != 0);
    default: return at::Scalar(s.d);
  }
}

at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

std::vector<at::Tensor> tensor_list(const TensorHandle* handles, int count) {
  std::vector<at::Tensor> list;
  list.reserve(count);
  for (int i = 0; i < count; ++i) list.push_back(*handles[i]);
  return list;
}
}  // namespace igt

IGT_API const char* igt_last_error() { return last_error.c_str(); }

IGT_API void igt_tensor_free(TensorHandle t) { delete t; }

IGT_API int igt_tensor_ndim(TensorHandle t) { return static_cast<int>(t->dim()); }

IGT_API int igt_tensor_shape(TensorHandle t, int64_t* out) {
  IGT_STATUS(auto s = t->sizes(); std::copy(s.begin(), s.end(), out))
}

IGT_API int igt_tensor_strides(TensorHandle t, int64_t* out) {
  IGT_STATUS(auto s = t->strides(); std::copy(s.begin(), s.end(), out))
}

IGT_API int64_t igt_tensor_numel(TensorHandle t) { return t->numel(); }
IGT_API int igt_tensor_dtype(TensorHandle t) { return static_cast<int>(t->scalar_type()); }
IGT_API int igt_tensor_device_type(TensorHandle t) { return static_cast<int>(t->device().type()); }
IGT_API int igt_tensor_device_index(TensorHandle t) { return t->device().index(); }
IGT_API int igt_tensor_is_contiguous(TensorHandle t) { return t->is_contiguous() ? 1 : 0; }
IGT_API int igt_tensor_defined(TensorHandle t) { return t->defined() ? 1 : 0; }
IGT_API int64_t igt_tensor_element_size(TensorHandle t) { return static_cast<int64_t>(t->element_size()); }

IGT_API int igt_tensor_item(TensorHandle t, double* out) {
  IGT_STATUS(*out = t->item().toDouble())
}

IGT_API int igt_tensor_item_int64(TensorHandle t, int64_t* out) {
  IGT_STATUS(*out = t->item().toLong())
}

IGT_API TensorHandle igt_tensor_clone(TensorHandle t) { IGT_TENSOR(t->clone()) }
IGT_API TensorHandle igt_tensor_contiguous(TensorHandle t) { IGT_TENSOR(t->contiguous()) }
IGT_API TensorHandle igt_tensor_alias(TensorHandle t) { IGT_TENSOR(at::Tensor(*t)) }

IGT_API TensorHandle igt_tensor_to(TensorHandle t, int dtype, int device_type, int device_index, int non_blocking, int copy) {
  IGT_TENSOR(t->to(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)),
                   static_cast<at::ScalarType>(dtype), non_blocking != 0, copy != 0))
}

// Copies the tensor's elements, in row-major order, to host memory of exactly `bytes` bytes.
IGT_API int igt_tensor_copy_to_host(TensorHandle t, void* destination, int64_t bytes) {
  IGT_TRY
    at::Tensor host = t->detach().to(at::kCPU).contiguous();
    const int64_t size = host.numel() * static_cast<int64_t>(host.element_size());
    if (size != bytes) {
      igt::set_error(("copy_to_host: destination holds " + std::to_string(bytes) + " bytes but the tensor has " +
                      std::to_string(size)).c_str());
      return -1;
    }
    if (size > 0) std::memcpy(destination, host.data_ptr(), static_cast<size_t>(size));
    return 0;
  IGT_CATCH(-1)
}

// Makes a tensor that owns a copy of `bytes` bytes of row-major host data.
IGT_API TensorHandle igt_tensor_from_host(const void* source, int64_t bytes, const int64_t* shape, int ndim, int dtype,
                                          int device_type, int device_index) {
  IGT_TRY
    at::Tensor host = at::empty(igt::dims(shape, ndim), igt::options(dtype, 0, -1));
    const int64_t size = host.numel() * static_cast<int64_t>(host.element_size());
    if (size != bytes) {
      igt::set_error(("from_host: shape needs " + std::to_string(size) + " bytes but " + std::to_string(bytes) +
                      " were given").c_str());
      return nullptr;
    }
    if (size > 0) std::memcpy(host.data_ptr(), source, static_cast<size_t>(size));
    if (device_type == 0) return igt::wrap(std::move(host));
    return igt::wrap(host.to(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index))));
  IGT_CATCH(nullptr)
}

// Raw pointer to a CPU tensor's first element, for zero-copy streaming of contiguous tensors.
IGT_API void* igt_tensor_data_ptr(TensorHandle t) {
  IGT_TRY return t->data_ptr(); IGT_CATCH(nullptr)
}

// Writes a printable summary (like PyTorch's repr) into `buffer`; returns the full length.
IGT_API int igt_tensor_to_string(TensorHandle t, char* buffer, int capacity) {
  IGT_TRY
    std::ostringstream s;
    s << *t;
    std::string text = s.str();
    if (capacity > 0) {
      size_t n = std::min(text.size(), static_cast<size_t>(capacity - 1));
      std::memcpy(buffer, text.data(), n);
      buffer[n] = '\0';
    }
    return static_cast<int>(text.size());
  IGT_CATCH(-1)
}

// In-place replacement of a tensor's data, as `param.data = other` in PyTorch: keeps the
// object (and so optimizer references) while moving it to another device or dtype.
IGT_API int igt_tensor_set_data(TensorHandle t, TensorHandle data) { IGT_STATUS(t->set_data(*data)) }
