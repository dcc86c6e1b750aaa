// Neural-network functions (torch.nn.functional).
#include "shim.h"
#include <cmath>

IGT_API TensorHandle igt_linear(TensorHandle x, TensorHandle weight, TensorHandle bias) {
  IGT_TENSOR(at::linear(*x, *weight, igt::optional_tensor(bias)))
}
IGT_API TensorHandle igt_addmm(TensorHandle bias, TensorHandle a, TensorHandle b) { IGT_TENSOR(at::addmm(*bias, *a, *b)) }
IGT_API TensorHandle igt_embedding(TensorHandle weight, TensorHandle indices, int64_t padding_idx) {
  IGT_TENSOR(at::embedding(*weight, *indices, padding_idx))
}
IGT_API TensorHandle igt_layer_norm(TensorHandle x, const int64_t* shape, int ndim, TensorHandle weight, TensorHandle bias, double eps) {
  IGT_TENSOR(at::layer_norm(*x, igt::dims(shape, ndim), igt::optional_tensor(weight), igt::optional_tensor(bias), eps))
}
// approximate: 0 = exact erf GELU, 1 = tanh approximation (GPT-2's "gelu_new").
IGT_API TensorHandle igt_gelu(TensorHandle x, int approximate) { IGT_TENSOR(at::gelu(*x, approximate ? "tanh" : "none")) }
IGT_API TensorHandle igt_dropout(TensorHandle x, double p, int train) { IGT_TENSOR(at::dropout(*x, p, train != 0)) }
IGT_API TensorHandle igt_softmax(TensorHandle x, int64_t dim, int dtype) {
  IGT_TENSOR(dtype < 0 ? at::softmax(*x, dim) : at::softmax(*x, dim, static_cast<at::ScalarType>(dtype)))
}
IGT_API TensorHandle igt_log_softmax(TensorHandle x, int64_t dim, int dtype) {
  IGT_TENSOR(dtype < 0 ? at::log_softmax(*x, dim) : at::log_softmax(*x, dim, static_cast<at::ScalarType>(dtype)))
}
IGT_API TensorHandle igt_logsigmoid(TensorHandle x) { IGT_TENSOR(at::log_sigmoid(*x)) }
IGT_API TensorHandle igt_softplus(TensorHandle x) { IGT_TENSOR(at::softplus(*x)) }
// reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction).
IGT_API TensorHandle igt_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, int reduction,
                                       int64_t ignore_index, double label_smoothing) {
  IGT_TENSOR(at::cross_entropy_loss(*logits, *target, igt::optional_tensor(weight), reduction, ignore_index, label_smoothing))
}
IGT_API TensorHandle igt_mse_loss(TensorHandle input, TensorHandle target, int reduction) {
  IGT_TENSOR(at::mse_loss(*input, *target, reduction))
}
IGT_API TensorHandle igt_one_hot(TensorHandle indices, int64_t classes) { IGT_TENSOR(at::one_hot(*indices, classes)) }

// softmax(q kᵀ / sqrt(d) + mask) v. libtorch 2.x has a fused kernel (flash / memory-efficient
// attention on CUDA); 1.13 does not, so the same arithmetic is spelled out there.
// mask: optional, boolean (true = attend) or additive float, broadcastable to [B, H, Tq, Tk].
IGT_API TensorHandle igt_scaled_dot_product_attention(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle mask,
                                                      double dropout_p, int is_causal) {
  IGT_TRY
#if TORCH_VERSION_MAJOR >= 2
    return igt::wrap(at::scaled_dot_product_attention(*q, *k, *v, igt::optional_tensor(mask), dropout_p, is_causal != 0));
#else
    const double scale = 1.0 / std::sqrt(static_cast<double>(q->size(-1)));
    at::Tensor scores = at::matmul(*q, k->transpose(-2, -1)).mul(scale);
    if (is_causal) {
      const int64_t tq = q->size(-2), tk = k->size(-2);
      at::Tensor causal = at::ones({tq, tk}, q->options().dtype(at::kBool)).tril(tk - tq);
      scores = scores.masked_fill(causal.logical_not(), -std::numeric_limits<double>::infinity());
    }
    if (mask) {
      scores = mask->scalar_type() == at::kBool
                   ? scores.masked_fill(mask->logical_not(), -std::numeric_limits<double>::infinity())
                   : scores.add(*mask);
    }
    at::Tensor weights = at::softmax(scores, -1);
    if (dropout_p > 0) weights = at::dropout(weights, dropout_p, true);
    return igt::wrap(at::matmul(weights, *v));
#endif
  IGT_CATCH(nullptr)
}

IGT_API int igt_has_fused_attention() { return TORCH_VERSION_MAJOR >= 2 ? 1 : 0; }

// Dropout drawing its mask from the given generator instead of the global one, so a training run's
// dropout stream belongs to that run (and can be saved and restored) even while other threads sample.
IGT_API TensorHandle igt_dropout_generator(TensorHandle x, double p, int train, GeneratorHandle g) {
  IGT_TRY
    if (!train || p == 0) return igt::wrap(at::Tensor(*x));
    if (p == 1) return igt::wrap(at::zeros_like(*x));
    at::Tensor mask;
    {
      at::NoGradGuard no_grad;
      mask = at::empty_like(*x).bernoulli_(1 - p, g ? c10::optional<at::Generator>(*g) : c10::nullopt).div_(1 - p);
    }
    return igt::wrap(x->mul(mask));
  IGT_CATCH(nullptr)
}
