namespace InstructGpt.Inference.Checkpoints;

/// <summary>
/// The one place that maps Hugging Face GPT-2 tensor names onto ours. Our names are HF's
/// GPT2LMHeadModel names (transformer.h.0.attn.c_attn.weight, ...), and Conv1D weights keep HF's
/// [in, out] layout, so nothing is transposed. HF's GPT2Model (no head) saves the same names
/// without the "transformer." prefix.
/// </summary>
public static class HuggingFaceNames
{
    private static readonly string[] TrunkRoots = ["wte.", "wpe.", "h.", "ln_f."];

    /// <summary>The tied LM head HF may write; it must equal transformer.wte.weight and is not loaded separately.</summary>
    public const string TiedLmHead = "lm_head.weight";

    /// <summary>Our name for a name found in a file, or null for tensors that are not weights.</summary>
    public static string? Normalize(string name)
    {
        // Old transformers versions saved the causal-mask buffers; they are not weights.
        if (name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal))
            return null;
        foreach (var root in TrunkRoots)
            if (name.StartsWith(root, StringComparison.Ordinal))
                return "transformer." + name;
        return name;
    }
}
