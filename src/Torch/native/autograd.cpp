// Autograd: gradients, grad mode, detaching and gradient clipping.
#include "shim.h"

IGT_API int igt_requires_grad(TensorHandle t) { return t->requires_grad() ? 1 : 0; }
IGT_API int igt_set_requires_grad(TensorHandle t, int value) { IGT_STATUS(t->set_requires_grad(value != 0)) }
IGT_API int igt_is_leaf(TensorHandle t) { return t->is_leaf() ? 1 : 0; }

IGT_API int igt_backward(TensorHandle t, TensorHandle gradient, int retain_graph) {
  IGT_STATUS(t->backward(gradient ? *gradient : at::Tensor(), retain_graph ? c10::optional<bool>(true) : c10::nullopt))
}

// *out is null when the tensor has no gradient yet.
IGT_API int igt_grad(TensorHandle t, TensorHandle* out) {
  IGT_STATUS(const at::Tensor& g = t->grad(); *out = g.defined() ? igt::wrap(g) : nullptr)
}
IGT_API int igt_set_grad(TensorHandle t, TensorHandle grad) {
  IGT_STATUS(t->mutable_grad() = grad ? *grad : at::Tensor())
}
IGT_API TensorHandle igt_detach(TensorHandle t) { IGT_TENSOR(t->detach()) }
IGT_API int igt_retain_grad(TensorHandle t) { IGT_STATUS(t->retain_grad()) }

IGT_API int igt_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
IGT_API void igt_set_grad_enabled(int enabled) { at::GradMode::set_enabled(enabled != 0); }

// Scales the gradients of `params` so their joint `norm_type` norm is at most max_norm,
// as torch.nn.utils.clip_grad_norm_. Returns the norm before clipping through *total_norm.
IGT_API int igt_clip_grad_norm(const TensorHandle* params, int count, double max_norm, double norm_type, double* total_norm) {
  IGT_TRY
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> norms;
    std::vector<at::Tensor> grads;
    for (int i = 0; i < count; ++i) {
      const at::Tensor& g = params[i]->grad();
      if (!g.defined()) continue;
      grads.push_back(g);
      norms.push_back(g.norm(norm_type));
    }
    if (grads.empty()) {
      *total_norm = 0;
      return 0;
    }
    at::Tensor total = std::isinf(norm_type) ? at::stack(norms).max() : at::stack(norms).norm(norm_type);
    // Same epsilon as PyTorch so that results agree.
    at::Tensor coefficient = (max_norm / (total + 1e-6)).clamp_max(1.0);
    for (auto& g : grads) g.mul_(coefficient.to(g.device()));
    *total_norm = total.item<double>();
    return 0;
  IGT_CATCH(-1)
}
