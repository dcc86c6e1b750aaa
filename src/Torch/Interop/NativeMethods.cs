using System.Runtime.InteropServices;

namespace InstructGpt.Torch.Interop;

/// <summary>
/// The shim's exported functions (src/Torch/native). Conventions, from shim.h: a tensor result is a
/// handle the caller owns, null on failure; other results are 0 on success and -1 on failure; the
/// failure's message is read with <see cref="igt_last_error"/>. Signatures are blittable so calls
/// need no marshalling stubs.
/// </summary>
internal static unsafe class NativeMethods
{
    internal const string Library = "instructgpt_native";

    static NativeMethods()
    {
        NativeLibraryResolver.EnsureRegistered();
        ThreadDefaults.Apply();
    }

    // ---- tensor lifecycle and metadata (tensor.cpp) -------------------------------------------
    [DllImport(Library)] internal static extern IntPtr igt_last_error();
    [DllImport(Library)] internal static extern void igt_tensor_free(IntPtr t);
    [DllImport(Library)] internal static extern int igt_tensor_ndim(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_shape(TensorHandle t, long* shape);
    [DllImport(Library)] internal static extern int igt_tensor_strides(TensorHandle t, long* strides);
    [DllImport(Library)] internal static extern long igt_tensor_numel(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_dtype(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_device_type(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_device_index(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_is_contiguous(TensorHandle t);
    [DllImport(Library)] internal static extern long igt_tensor_element_size(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_item(TensorHandle t, out double value);
    [DllImport(Library)] internal static extern int igt_tensor_item_int64(TensorHandle t, out long value);
    [DllImport(Library)] internal static extern TensorHandle igt_tensor_clone(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_tensor_contiguous(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_tensor_alias(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int nonBlocking, int copy);
    [DllImport(Library)] internal static extern int igt_tensor_copy_to_host(TensorHandle t, void* destination, long bytes);
    [DllImport(Library)] internal static extern TensorHandle igt_tensor_from_host(void* source, long bytes, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr igt_tensor_data_ptr(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_tensor_to_string(TensorHandle t, byte* buffer, int capacity);
    [DllImport(Library)] internal static extern int igt_tensor_set_data(TensorHandle t, TensorHandle data);

    // ---- creation (creation.cpp) ---------------------------------------------------------------
    [DllImport(Library)] internal static extern TensorHandle igt_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern TensorHandle igt_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern TensorHandle igt_empty(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern TensorHandle igt_full(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, Scalar value);
    [DllImport(Library)] internal static extern TensorHandle igt_randn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_rand(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_randint(long low, long high, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_arange(Scalar start, Scalar end, Scalar step, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern TensorHandle igt_eye(long n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern int igt_normal_(TensorHandle t, double mean, double std, IntPtr generator);
    [DllImport(Library)] internal static extern int igt_uniform_(TensorHandle t, double from, double to, IntPtr generator);

    // ---- shape (shape.cpp) ----------------------------------------------------------------------
    [DllImport(Library)] internal static extern TensorHandle igt_reshape(TensorHandle t, long* shape, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_view(TensorHandle t, long* shape, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_transpose(TensorHandle t, long dim0, long dim1);
    [DllImport(Library)] internal static extern TensorHandle igt_permute(TensorHandle t, long* dims, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_expand(TensorHandle t, long* shape, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_squeeze(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_squeeze_dim(TensorHandle t, long dim);
    [DllImport(Library)] internal static extern TensorHandle igt_unsqueeze(TensorHandle t, long dim);
    [DllImport(Library)] internal static extern TensorHandle igt_flatten(TensorHandle t, long start, long end);
    [DllImport(Library)] internal static extern TensorHandle igt_narrow(TensorHandle t, long dim, long start, long length);
    [DllImport(Library)] internal static extern TensorHandle igt_select(TensorHandle t, long dim, long index);
    [DllImport(Library)] internal static extern TensorHandle igt_slice(TensorHandle t, long dim, long start, long end, long step);
    [DllImport(Library)] internal static extern TensorHandle igt_tril(TensorHandle t, long diagonal);
    [DllImport(Library)] internal static extern TensorHandle igt_triu(TensorHandle t, long diagonal);
    [DllImport(Library)] internal static extern TensorHandle igt_flip(TensorHandle t, long* dims, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_repeat(TensorHandle t, long* repeats, int ndim);
    [DllImport(Library)] internal static extern TensorHandle igt_cat(IntPtr* tensors, int count, long dim);
    [DllImport(Library)] internal static extern TensorHandle igt_stack(IntPtr* tensors, int count, long dim);
    [DllImport(Library)] internal static extern int igt_split(TensorHandle t, long splitSize, long dim, IntPtr* output, int capacity);
    [DllImport(Library)] internal static extern int igt_split_sizes(TensorHandle t, long* sizes, int count, long dim, IntPtr* output, int capacity);
    [DllImport(Library)] internal static extern int igt_chunk(TensorHandle t, long chunks, long dim, IntPtr* output, int capacity);
    [DllImport(Library)] internal static extern TensorHandle igt_index_select(TensorHandle t, long dim, TensorHandle index);
    [DllImport(Library)] internal static extern TensorHandle igt_gather(TensorHandle t, long dim, TensorHandle index);
    [DllImport(Library)] internal static extern TensorHandle igt_scatter(TensorHandle t, long dim, TensorHandle index, TensorHandle source);
    [DllImport(Library)] internal static extern TensorHandle igt_scatter_value(TensorHandle t, long dim, TensorHandle index, Scalar value);
    [DllImport(Library)] internal static extern TensorHandle igt_scatter_add(TensorHandle t, long dim, TensorHandle index, TensorHandle source);
    [DllImport(Library)] internal static extern TensorHandle igt_masked_fill(TensorHandle t, TensorHandle mask, Scalar value);
    [DllImport(Library)] internal static extern TensorHandle igt_masked_fill_tensor(TensorHandle t, TensorHandle mask, TensorHandle value);
    [DllImport(Library)] internal static extern TensorHandle igt_masked_select(TensorHandle t, TensorHandle mask);
    [DllImport(Library)] internal static extern TensorHandle igt_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_where_scalar(TensorHandle condition, TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_index_tensor(TensorHandle t, TensorHandle index);
    [DllImport(Library)] internal static extern int igt_index_put_(TensorHandle t, TensorHandle index, TensorHandle value);

    // ---- math (math.cpp) ------------------------------------------------------------------------
    [DllImport(Library)] internal static extern TensorHandle igt_add(TensorHandle a, TensorHandle b, Scalar alpha);
    [DllImport(Library)] internal static extern TensorHandle igt_add_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_sub(TensorHandle a, TensorHandle b, Scalar alpha);
    [DllImport(Library)] internal static extern TensorHandle igt_sub_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_rsub_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_mul(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_mul_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_div(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_div_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_rdiv_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_pow(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_pow_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_eq(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_eq_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_ne(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_ne_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_lt(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_lt_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_le(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_le_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_gt(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_gt_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_ge(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_ge_scalar(TensorHandle a, Scalar b);
    [DllImport(Library)] internal static extern TensorHandle igt_maximum(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_minimum(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_logical_and(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_logical_or(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_matmul(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_bmm(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_mm(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_neg(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_exp(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_log(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_tanh(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_sqrt(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_rsqrt(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_abs(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_sign(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_square(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_reciprocal(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_relu(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_sigmoid(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_logical_not(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_isnan(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_isfinite(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_floor(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_round(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_clamp(TensorHandle t, Scalar min, int hasMin, Scalar max, int hasMax);
    [DllImport(Library)] internal static extern TensorHandle igt_clamp_tensor(TensorHandle t, TensorHandle min, TensorHandle max);
    [DllImport(Library)] internal static extern TensorHandle igt_sum(TensorHandle t, long* dims, int ndim, int keepdim, int dtype);
    [DllImport(Library)] internal static extern TensorHandle igt_mean(TensorHandle t, long* dims, int ndim, int keepdim, int dtype);
    [DllImport(Library)] internal static extern TensorHandle igt_var(TensorHandle t, long* dims, int ndim, long correction, int keepdim);
    [DllImport(Library)] internal static extern TensorHandle igt_std(TensorHandle t, long* dims, int ndim, long correction, int keepdim);
    [DllImport(Library)] internal static extern TensorHandle igt_logsumexp(TensorHandle t, long* dims, int ndim, int keepdim);
    [DllImport(Library)] internal static extern TensorHandle igt_norm(TensorHandle t, double p);
    [DllImport(Library)] internal static extern TensorHandle igt_cumsum(TensorHandle t, long dim, int dtype);
    [DllImport(Library)] internal static extern TensorHandle igt_max_all(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_min_all(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_any(TensorHandle t);
    [DllImport(Library)] internal static extern TensorHandle igt_all(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_max_dim(TensorHandle t, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int igt_min_dim(TensorHandle t, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int igt_topk(TensorHandle t, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int igt_sort(TensorHandle t, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern TensorHandle igt_argmax(TensorHandle t, long dim, int hasDim, int keepdim);
    [DllImport(Library)] internal static extern TensorHandle igt_argmin(TensorHandle t, long dim, int hasDim, int keepdim);
    [DllImport(Library)] internal static extern TensorHandle igt_argsort(TensorHandle t, long dim, int descending);
    [DllImport(Library)] internal static extern TensorHandle igt_allclose_tensor(TensorHandle a, TensorHandle b, double rtol, double atol);
    [DllImport(Library)] internal static extern int igt_add_(TensorHandle t, TensorHandle other, Scalar alpha);
    [DllImport(Library)] internal static extern int igt_add_scalar_(TensorHandle t, Scalar value);
    [DllImport(Library)] internal static extern int igt_mul_(TensorHandle t, TensorHandle other);
    [DllImport(Library)] internal static extern int igt_mul_scalar_(TensorHandle t, Scalar value);
    [DllImport(Library)] internal static extern int igt_div_scalar_(TensorHandle t, Scalar value);
    [DllImport(Library)] internal static extern int igt_addcmul_(TensorHandle t, TensorHandle a, TensorHandle b, Scalar value);
    [DllImport(Library)] internal static extern int igt_addcdiv_(TensorHandle t, TensorHandle a, TensorHandle b, Scalar value);
    [DllImport(Library)] internal static extern int igt_copy_(TensorHandle t, TensorHandle source);
    [DllImport(Library)] internal static extern int igt_zero_(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_fill_(TensorHandle t, Scalar value);
    [DllImport(Library)] internal static extern int igt_clamp_(TensorHandle t, Scalar min, int hasMin, Scalar max, int hasMax);
    [DllImport(Library)] internal static extern int igt_lerp_(TensorHandle t, TensorHandle end, Scalar weight);

    // ---- nn.functional (functional.cpp) -------------------------------------------------------
    [DllImport(Library)] internal static extern TensorHandle igt_linear(TensorHandle x, TensorHandle weight, TensorHandle bias);
    [DllImport(Library)] internal static extern TensorHandle igt_addmm(TensorHandle bias, TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern TensorHandle igt_embedding(TensorHandle weight, TensorHandle indices, long paddingIdx);
    [DllImport(Library)] internal static extern TensorHandle igt_layer_norm(TensorHandle x, long* shape, int ndim, TensorHandle weight, TensorHandle bias, double eps);
    [DllImport(Library)] internal static extern TensorHandle igt_gelu(TensorHandle x, int approximate);
    [DllImport(Library)] internal static extern TensorHandle igt_dropout(TensorHandle x, double p, int train);
    [DllImport(Library)] internal static extern TensorHandle igt_dropout_generator(TensorHandle x, double p, int train, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_softmax(TensorHandle x, long dim, int dtype);
    [DllImport(Library)] internal static extern TensorHandle igt_log_softmax(TensorHandle x, long dim, int dtype);
    [DllImport(Library)] internal static extern TensorHandle igt_logsigmoid(TensorHandle x);
    [DllImport(Library)] internal static extern TensorHandle igt_softplus(TensorHandle x);
    [DllImport(Library)] internal static extern TensorHandle igt_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, int reduction, long ignoreIndex, double labelSmoothing);
    [DllImport(Library)] internal static extern TensorHandle igt_mse_loss(TensorHandle input, TensorHandle target, int reduction);
    [DllImport(Library)] internal static extern TensorHandle igt_one_hot(TensorHandle indices, long classes);
    [DllImport(Library)] internal static extern TensorHandle igt_scaled_dot_product_attention(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle mask, double dropoutP, int isCausal);
    [DllImport(Library)] internal static extern int igt_has_fused_attention();

    // ---- autograd (autograd.cpp) ---------------------------------------------------------------
    [DllImport(Library)] internal static extern int igt_requires_grad(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_set_requires_grad(TensorHandle t, int value);
    [DllImport(Library)] internal static extern int igt_is_leaf(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_backward(TensorHandle t, TensorHandle gradient, int retainGraph);
    [DllImport(Library)] internal static extern int igt_grad(TensorHandle t, out IntPtr grad);
    [DllImport(Library)] internal static extern int igt_set_grad(TensorHandle t, TensorHandle grad);
    [DllImport(Library)] internal static extern TensorHandle igt_detach(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_retain_grad(TensorHandle t);
    [DllImport(Library)] internal static extern int igt_grad_enabled();
    [DllImport(Library)] internal static extern void igt_set_grad_enabled(int enabled);
    [DllImport(Library)] internal static extern int igt_clip_grad_norm(IntPtr* parameters, int count, double maxNorm, double normType, out double totalNorm);

    // ---- random (random.cpp) -------------------------------------------------------------------
    [DllImport(Library)] internal static extern int igt_manual_seed(ulong seed);
    [DllImport(Library)] internal static extern IntPtr igt_generator_new(ulong seed, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern void igt_generator_free(IntPtr generator);
    [DllImport(Library)] internal static extern ulong igt_generator_seed(IntPtr generator);
    [DllImport(Library)] internal static extern int igt_generator_set_seed(IntPtr generator, ulong seed);
    [DllImport(Library)] internal static extern TensorHandle igt_generator_get_state(IntPtr generator);
    [DllImport(Library)] internal static extern int igt_generator_set_state(IntPtr generator, TensorHandle state);
    [DllImport(Library)] internal static extern IntPtr igt_default_generator(int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern TensorHandle igt_multinomial(TensorHandle probs, long samples, int replacement, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_bernoulli(TensorHandle probs, IntPtr generator);
    [DllImport(Library)] internal static extern TensorHandle igt_randperm(long n, int deviceType, int deviceIndex, IntPtr generator);

    // ---- runtime (runtime.cpp) -----------------------------------------------------------------
    [DllImport(Library)] internal static extern IntPtr igt_torch_version();
    [DllImport(Library)] internal static extern int igt_built_with_cuda();
    [DllImport(Library)] internal static extern int igt_get_num_threads();
    [DllImport(Library)] internal static extern int igt_set_num_threads(int n);
    [DllImport(Library)] internal static extern int igt_get_num_interop_threads();
    [DllImport(Library)] internal static extern int igt_set_num_interop_threads(int n);
    [DllImport(Library)] internal static extern int igt_cuda_is_available();
    [DllImport(Library)] internal static extern int igt_cuda_device_count();
    [DllImport(Library)] internal static extern int igt_cuda_synchronize(int device);
    [DllImport(Library)] internal static extern int igt_cuda_memory(int device, out long allocated, out long reserved, out long peakAllocated);
    [DllImport(Library)] internal static extern int igt_cuda_empty_cache();
}
