// Pointwise arithmetic (with broadcasting and scalars), reductions, sorting and comparisons.
#include "shim.h"

#define IGT_UNARY(name, expr) \
  IGT_API TensorHandle igt_##name(TensorHandle t) { IGT_TENSOR(expr) }
#define IGT_BINARY(name, method)                                                                       \
  IGT_API TensorHandle igt_##name(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->method(*b)) }        \
  IGT_API TensorHandle igt_##name##_scalar(TensorHandle a, IgtScalar b) { IGT_TENSOR(a->method(igt::to_scalar(b))) }

IGT_API TensorHandle igt_add(TensorHandle a, TensorHandle b, IgtScalar alpha) { IGT_TENSOR(at::add(*a, *b, igt::to_scalar(alpha))) }
IGT_API TensorHandle igt_add_scalar(TensorHandle a, IgtScalar b) { IGT_TENSOR(at::add(*a, igt::to_scalar(b))) }
IGT_API TensorHandle igt_sub(TensorHandle a, TensorHandle b, IgtScalar alpha) { IGT_TENSOR(at::sub(*a, *b, igt::to_scalar(alpha))) }
IGT_API TensorHandle igt_sub_scalar(TensorHandle a, IgtScalar b) { IGT_TENSOR(at::sub(*a, igt::to_scalar(b))) }
IGT_API TensorHandle igt_rsub_scalar(TensorHandle a, IgtScalar b) { IGT_TENSOR(at::rsub(*a, igt::to_scalar(b))) }
IGT_BINARY(mul, mul)
IGT_BINARY(div, div)
IGT_API TensorHandle igt_rdiv_scalar(TensorHandle a, IgtScalar b) { IGT_TENSOR(a->reciprocal().mul(igt::to_scalar(b))) }
IGT_BINARY(pow, pow)
IGT_BINARY(eq, eq)
IGT_BINARY(ne, ne)
IGT_BINARY(lt, lt)
IGT_BINARY(le, le)
IGT_BINARY(gt, gt)
IGT_BINARY(ge, ge)
IGT_API TensorHandle igt_maximum(TensorHandle a, TensorHandle b) { IGT_TENSOR(at::maximum(*a, *b)) }
IGT_API TensorHandle igt_minimum(TensorHandle a, TensorHandle b) { IGT_TENSOR(at::minimum(*a, *b)) }
IGT_API TensorHandle igt_logical_and(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->logical_and(*b)) }
IGT_API TensorHandle igt_logical_or(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->logical_or(*b)) }
IGT_API TensorHandle igt_matmul(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->matmul(*b)) }
IGT_API TensorHandle igt_bmm(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->bmm(*b)) }
IGT_API TensorHandle igt_mm(TensorHandle a, TensorHandle b) { IGT_TENSOR(a->mm(*b)) }

IGT_UNARY(neg, t->neg())
IGT_UNARY(exp, t->exp())
IGT_UNARY(log, t->log())
IGT_UNARY(tanh, t->tanh())
IGT_UNARY(sqrt, t->sqrt())
IGT_UNARY(rsqrt, t->rsqrt())
IGT_UNARY(abs, t->abs())
IGT_UNARY(sign, t->sign())
IGT_UNARY(square, t->square())
IGT_UNARY(reciprocal, t->reciprocal())
IGT_UNARY(relu, t->relu())
IGT_UNARY(sigmoid, t->sigmoid())
IGT_UNARY(logical_not, t->logical_not())
IGT_UNARY(isnan, t->isnan())
IGT_UNARY(isfinite, t->isfinite())
IGT_UNARY(floor, t->floor())
IGT_UNARY(round, t->round())

IGT_API TensorHandle igt_clamp(TensorHandle t, IgtScalar min, int has_min, IgtScalar max, int has_max) {
  IGT_TENSOR(t->clamp(has_min ? c10::optional<at::Scalar>(igt::to_scalar(min)) : c10::nullopt,
                      has_max ? c10::optional<at::Scalar>(igt::to_scalar(max)) : c10::nullopt))
}
IGT_API TensorHandle igt_clamp_tensor(TensorHandle t, TensorHandle min, TensorHandle max) {
  IGT_TENSOR(t->clamp(igt::optional_tensor(min), igt::optional_tensor(max)))
}

// ---- reductions -------------------------------------------------------------------------------
// dims == nullptr (ndim 0) reduces over every dimension. dtype < 0 keeps the input's dtype.
namespace {
c10::optional<at::ScalarType> optional_dtype(int dtype) {
  return dtype < 0 ? c10::nullopt : c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype));
}
}  // namespace

IGT_API TensorHandle igt_sum(TensorHandle t, const int64_t* dims, int ndim, int keepdim, int dtype) {
  IGT_TENSOR(ndim == 0 ? t->sum(optional_dtype(dtype)) : t->sum(igt::dims(dims, ndim), keepdim != 0, optional_dtype(dtype)))
}
IGT_API TensorHandle igt_mean(TensorHandle t, const int64_t* dims, int ndim, int keepdim, int dtype) {
  IGT_TENSOR(ndim == 0 ? t->mean(optional_dtype(dtype)) : t->mean(igt::dims(dims, ndim), keepdim != 0, optional_dtype(dtype)))
}
IGT_API TensorHandle igt_var(TensorHandle t, const int64_t* dims, int ndim, int64_t correction, int keepdim) {
  IGT_TENSOR(at::var(*t, ndim == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(igt::dims(dims, ndim)),
                     c10::optional<int64_t>(correction), keepdim != 0))
}
IGT_API TensorHandle igt_std(TensorHandle t, const int64_t* dims, int ndim, int64_t correction, int keepdim) {
  IGT_TENSOR(at::std(*t, ndim == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(igt::dims(dims, ndim)),
                     c10::optional<int64_t>(correction), keepdim != 0))
}
IGT_API TensorHandle igt_logsumexp(TensorHandle t, const int64_t* dims, int ndim, int keepdim) {
  IGT_TENSOR(t->logsumexp(igt::dims(dims, ndim), keepdim != 0))
}
IGT_API TensorHandle igt_norm(TensorHandle t, double p) { IGT_TENSOR(t->norm(p)) }
IGT_API TensorHandle igt_cumsum(TensorHandle t, int64_t dim, int dtype) { IGT_TENSOR(t->cumsum(dim, optional_dtype(dtype))) }
IGT_API TensorHandle igt_max_all(TensorHandle t) { IGT_TENSOR(t->max()) }
IGT_API TensorHandle igt_min_all(TensorHandle t) { IGT_TENSOR(t->min()) }
IGT_API TensorHandle igt_any(TensorHandle t) { IGT_TENSOR(t->any()) }
IGT_API TensorHandle igt_all(TensorHandle t) { IGT_TENSOR(t->all()) }

// Reductions with indices hand back two tensors through out parameters.
IGT_API int igt_max_dim(TensorHandle t, int64_t dim, int keepdim, TensorHandle* values, TensorHandle* indices) {
  IGT_STATUS(auto r = t->max(dim, keepdim != 0); *values = igt::wrap(std::get<0>(r)); *indices = igt::wrap(std::get<1>(r)))
}
IGT_API int igt_min_dim(TensorHandle t, int64_t dim, int keepdim, TensorHandle* values, TensorHandle* indices) {
  IGT_STATUS(auto r = t->min(dim, keepdim != 0); *values = igt::wrap(std::get<0>(r)); *indices = igt::wrap(std::get<1>(r)))
}
IGT_API int igt_topk(TensorHandle t, int64_t k, int64_t dim, int largest, int sorted, TensorHandle* values, TensorHandle* indices) {
  IGT_STATUS(auto r = t->topk(k, dim, largest != 0, sorted != 0); *values = igt::wrap(std::get<0>(r));
             *indices = igt::wrap(std::get<1>(r)))
}
IGT_API int igt_sort(TensorHandle t, int64_t dim, int descending, int stable, TensorHandle* values, TensorHandle* indices) {
  IGT_STATUS(auto r = t->sort(c10::optional<bool>(stable != 0), dim, descending != 0); *values = igt::wrap(std::get<0>(r));
             *indices = igt::wrap(std::get<1>(r)))
}
IGT_API TensorHandle igt_argmax(TensorHandle t, int64_t dim, int has_dim, int keepdim) {
  IGT_TENSOR(t->argmax(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
IGT_API TensorHandle igt_argmin(TensorHandle t, int64_t dim, int has_dim, int keepdim) {
  IGT_TENSOR(t->argmin(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
IGT_API TensorHandle igt_argsort(TensorHandle t, int64_t dim, int descending) { IGT_TENSOR(t->argsort(dim, descending != 0)) }
IGT_API TensorHandle igt_allclose_tensor(TensorHandle a, TensorHandle b, double rtol, double atol) {
  IGT_TENSOR(at::scalar_tensor(a->allclose(*b, rtol, atol), at::kBool))
}

// ---- in place (optimizer updates, initialisation) ----------------------------------------------
IGT_API int igt_add_(TensorHandle t, TensorHandle other, IgtScalar alpha) { IGT_STATUS(t->add_(*other, igt::to_scalar(alpha))) }
IGT_API int igt_add_scalar_(TensorHandle t, IgtScalar value) { IGT_STATUS(t->add_(igt::to_scalar(value))) }
IGT_API int igt_mul_(TensorHandle t, TensorHandle other) { IGT_STATUS(t->mul_(*other)) }
IGT_API int igt_mul_scalar_(TensorHandle t, IgtScalar value) { IGT_STATUS(t->mul_(igt::to_scalar(value))) }
IGT_API int igt_div_scalar_(TensorHandle t, IgtScalar value) { IGT_STATUS(t->div_(igt::to_scalar(value))) }
IGT_API int igt_addcmul_(TensorHandle t, TensorHandle a, TensorHandle b, IgtScalar value) {
  IGT_STATUS(t->addcmul_(*a, *b, igt::to_scalar(value)))
}
IGT_API int igt_addcdiv_(TensorHandle t, TensorHandle a, TensorHandle b, IgtScalar value) {
  IGT_STATUS(t->addcdiv_(*a, *b, igt::to_scalar(value)))
}
IGT_API int igt_copy_(TensorHandle t, TensorHandle source) { IGT_STATUS(t->copy_(*source)) }
IGT_API int igt_zero_(TensorHandle t) { IGT_STATUS(t->zero_()) }
IGT_API int igt_fill_(TensorHandle t, IgtScalar value) { IGT_STATUS(t->fill_(igt::to_scalar(value))) }
IGT_API int igt_clamp_(TensorHandle t, IgtScalar min, int has_min, IgtScalar max, int has_max) {
  IGT_STATUS(t->clamp_(has_min ? c10::optional<at::Scalar>(igt::to_scalar(min)) : c10::nullopt,
                       has_max ? c10::optional<at::Scalar>(igt::to_scalar(max)) : c10::nullopt))
}
IGT_API int igt_lerp_(TensorHandle t, TensorHandle end, IgtScalar weight) { IGT_STATUS(t->lerp_(*end, igt::to_scalar(weight))) }
