// Views, joins, splits, indexing and masking.
#include "shim.h"

IGT_API TensorHandle igt_reshape(TensorHandle t, const int64_t* shape, int ndim) { IGT_TENSOR(t->reshape(igt::dims(shape, ndim))) }
IGT_API TensorHandle igt_view(TensorHandle t, const int64_t* shape, int ndim) { IGT_TENSOR(t->view(igt::dims(shape, ndim))) }
IGT_API TensorHandle igt_transpose(TensorHandle t, int64_t dim0, int64_t dim1) { IGT_TENSOR(t->transpose(dim0, dim1)) }
IGT_API TensorHandle igt_permute(TensorHandle t, const int64_t* dims, int ndim) { IGT_TENSOR(t->permute(igt::dims(dims, ndim))) }
IGT_API TensorHandle igt_expand(TensorHandle t, const int64_t* shape, int ndim) { IGT_TENSOR(t->expand(igt::dims(shape, ndim))) }
IGT_API TensorHandle igt_squeeze(TensorHandle t) { IGT_TENSOR(t->squeeze()) }
IGT_API TensorHandle igt_squeeze_dim(TensorHandle t, int64_t dim) { IGT_TENSOR(t->squeeze(dim)) }
IGT_API TensorHandle igt_unsqueeze(TensorHandle t, int64_t dim) { IGT_TENSOR(t->unsqueeze(dim)) }
IGT_API TensorHandle igt_flatten(TensorHandle t, int64_t start, int64_t end) { IGT_TENSOR(t->flatten(start, end)) }
IGT_API TensorHandle igt_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length) { IGT_TENSOR(t->narrow(dim, start, length)) }
IGT_API TensorHandle igt_select(TensorHandle t, int64_t dim, int64_t index) { IGT_TENSOR(t->select(dim, index)) }
IGT_API TensorHandle igt_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  IGT_TENSOR(t->slice(dim, start, end, step))
}
IGT_API TensorHandle igt_tril(TensorHandle t, int64_t diagonal) { IGT_TENSOR(t->tril(diagonal)) }
IGT_API TensorHandle igt_triu(TensorHandle t, int64_t diagonal) { IGT_TENSOR(t->triu(diagonal)) }
IGT_API TensorHandle igt_flip(TensorHandle t, const int64_t* dims, int ndim) { IGT_TENSOR(t->flip(igt::dims(dims, ndim))) }
IGT_API TensorHandle igt_repeat(TensorHandle t, const int64_t* repeats, int ndim) { IGT_TENSOR(t->repeat(igt::dims(repeats, ndim))) }

IGT_API TensorHandle igt_cat(const TensorHandle* tensors, int count, int64_t dim) { IGT_TENSOR(at::cat(igt::tensor_list(tensors, count), dim)) }
IGT_API TensorHandle igt_stack(const TensorHandle* tensors, int count, int64_t dim) { IGT_TENSOR(at::stack(igt::tensor_list(tensors, count), dim)) }

namespace {
// Hands the pieces back through a caller-sized array; returns how many there are.
int store_pieces(std::vector<at::Tensor>&& pieces, TensorHandle* out, int capacity) {
  if (static_cast<int>(pieces.size()) > capacity) {
    igt::set_error("split produced more pieces than the caller expected");
    return -1;
  }
  for (size_t i = 0; i < pieces.size(); ++i) out[i] = igt::wrap(std::move(pieces[i]));
  return static_cast<int>(pieces.size());
}
}  // namespace

IGT_API int igt_split(TensorHandle t, int64_t split_size, int64_t dim, TensorHandle* out, int capacity) {
  IGT_TRY return store_pieces(t->split(split_size, dim), out, capacity); IGT_CATCH(-1)
}

IGT_API int igt_split_sizes(TensorHandle t, const int64_t* sizes, int count, int64_t dim, TensorHandle* out, int capacity) {
  IGT_TRY return store_pieces(t->split_with_sizes(igt::dims(sizes, count), dim), out, capacity); IGT_CATCH(-1)
}

IGT_API int igt_chunk(TensorHandle t, int64_t chunks, int64_t dim, TensorHandle* out, int capacity) {
  IGT_TRY return store_pieces(t->chunk(chunks, dim), out, capacity); IGT_CATCH(-1)
}

IGT_API TensorHandle igt_index_select(TensorHandle t, int64_t dim, TensorHandle index) { IGT_TENSOR(t->index_select(dim, *index)) }
IGT_API TensorHandle igt_gather(TensorHandle t, int64_t dim, TensorHandle index) { IGT_TENSOR(t->gather(dim, *index)) }
IGT_API TensorHandle igt_scatter(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src) {
  IGT_TENSOR(t->scatter(dim, *index, *src))
}
IGT_API TensorHandle igt_scatter_value(TensorHandle t, int64_t dim, TensorHandle index, IgtScalar value) {
  IGT_TENSOR(t->scatter(dim, *index, igt::to_scalar(value)))
}
IGT_API TensorHandle igt_scatter_add(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src) {
  IGT_TENSOR(t->scatter_add(dim, *index, *src))
}
IGT_API TensorHandle igt_masked_fill(TensorHandle t, TensorHandle mask, IgtScalar value) {
  IGT_TENSOR(t->masked_fill(*mask, igt::to_scalar(value)))
}
IGT_API TensorHandle igt_masked_fill_tensor(TensorHandle t, TensorHandle mask, TensorHandle value) {
  IGT_TENSOR(t->masked_fill(*mask, *value))
}
IGT_API TensorHandle igt_masked_select(TensorHandle t, TensorHandle mask) { IGT_TENSOR(t->masked_select(*mask)) }
IGT_API TensorHandle igt_where(TensorHandle condition, TensorHandle a, TensorHandle b) { IGT_TENSOR(at::where(*condition, *a, *b)) }
IGT_API TensorHandle igt_where_scalar(TensorHandle condition, TensorHandle a, IgtScalar b) {
  IGT_TENSOR(at::where(*condition, *a, igt::to_scalar(b)))
}
// t[index] with a boolean or integer index tensor on dimension 0.
IGT_API TensorHandle igt_index_tensor(TensorHandle t, TensorHandle index) {
  IGT_TENSOR(t->index({*index}))
}
// t[index] = value, in place.
IGT_API int igt_index_put_(TensorHandle t, TensorHandle index, TensorHandle value) {
  IGT_STATUS(t->index_put_({*index}, *value))
}
