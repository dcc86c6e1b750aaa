using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Loss reductions, as at::Reduction.</summary>
        public enum Reduction { None = 0, Mean = 1, Sum = 2 }

        /// <summary>torch.nn.functional. Import as <c>using F = InstructGpt.Torch.torch.nn.functional;</c></summary>
        public static class functional
        {
            /// <summary>y = x Wᵀ + b, with W stored [out, in] as in torch.nn.Linear.</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                Tensor.From(NativeMethods.igt_linear(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null));

            /// <summary>bias + a @ b in one BLAS call (GPT-2's Conv1D with weights stored [in, out]).</summary>
            public static Tensor addmm(Tensor bias, Tensor a, Tensor b) => Tensor.From(NativeMethods.igt_addmm(bias.Handle, a.Handle, b.Handle));

            public static Tensor embedding(Tensor input, Tensor weight, long padding_idx = -1) =>
                Tensor.From(NativeMethods.igt_embedding(weight.Handle, input.Handle, padding_idx));

            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* p = normalized_shape)
                    return Tensor.From(NativeMethods.igt_layer_norm(input.Handle, p, normalized_shape.Length,
                        weight?.Handle ?? TensorHandle.Null, bias?.Handle ?? TensorHandle.Null, eps));
            }

            /// <summary>GELU; approximate "tanh" is GPT-2's gelu_new, "none" the exact erf form.</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") => approximate switch
            {
                "none" => Tensor.From(NativeMethods.igt_gelu(input.Handle, 0)),
                "tanh" => Tensor.From(NativeMethods.igt_gelu(input.Handle, 1)),
                _ => throw new ArgumentException($"approximate must be 'none' or 'tanh', not '{approximate}'", nameof(approximate)),
            };

            /// <summary>Zeroes elements with probability p and scales the rest by 1/(1−p); with a generator, the mask comes from it rather than the global stream.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
            {
                if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
                if (generator is null) return Tensor.From(NativeMethods.igt_dropout(input.Handle, p, training ? 1 : 0));
                var result = Tensor.From(NativeMethods.igt_dropout_generator(input.Handle, p, training ? 1 : 0, generator.Handle));
                GC.KeepAlive(generator);
                return result;
            }

            public static Tensor softmax(Tensor input, long dim, DType? dtype = null) => input.softmax(dim, dtype);
            public static Tensor log_softmax(Tensor input, long dim, DType? dtype = null) => input.log_softmax(dim, dtype);
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
            public static Tensor logsigmoid(Tensor input) => Tensor.From(NativeMethods.igt_logsigmoid(input.Handle));
            public static Tensor softplus(Tensor input) => Tensor.From(NativeMethods.igt_softplus(input.Handle));
            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor tanh(Tensor input) => input.tanh();
            public static Tensor one_hot(Tensor indices, long num_classes) => Tensor.From(NativeMethods.igt_one_hot(indices.Handle, num_classes));

            /// <summary>
            /// Cross-entropy between logits [N, C] (or [N, C, d...]) and class indices [N]; targets equal
            /// to <paramref name="ignore_index"/> contribute nothing, and the mean is over the others.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0.0) =>
                Tensor.From(NativeMethods.igt_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? TensorHandle.Null,
                    (int)reduction, ignore_index, label_smoothing));

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.From(NativeMethods.igt_mse_loss(input.Handle, target.Handle, (int)reduction));

            /// <summary>
            /// softmax(q kᵀ / √d + mask) v over [..., T, d] inputs. <paramref name="attn_mask"/> is boolean
            /// (true = may attend) or additive. Uses libtorch's fused kernels where it has them (≥ 2.0).
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null,
                double dropout_p = 0.0, bool is_causal = false) =>
                Tensor.From(NativeMethods.igt_scaled_dot_product_attention(query.Handle, key.Handle, value.Handle,
                    attn_mask?.Handle ?? TensorHandle.Null, dropout_p, is_causal ? 1 : 0));
        }
    }
}
